import type { Metadata, Viewport } from 'next';
import './globals.css';

// A neutral name everywhere a passer-by might look: the tab, the history, a printed page.
export const metadata: Metadata = {
  title: 'Lantern',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
