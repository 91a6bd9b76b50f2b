import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { PrivacyGuard } from '@/components/shell/privacy-guard.tsx';
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

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is drawn per request, 404 and error pages included, so each carries this request's
  // CSP nonce (proxy.ts) and its scripts run: Esc twice hides every screen.
  await connection();
  return (
    <html lang="en">
      <body>
        {children}
        <PrivacyGuard />
      </body>
    </html>
  );
}
