import type { Metadata, Viewport } from 'next';
import './globals.css';

// A neutral name everywhere a passer-by might look: the tab, the history, a printed page.
export const metadata: Metadata = {
  title: 'Lantern',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
  // Installs to a phone's home screen under the same neutral name and a plain dot (public/).
  manifest: '/manifest.webmanifest',
  icons: { icon: '/icon-192.png', apple: '/icon-192.png' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
