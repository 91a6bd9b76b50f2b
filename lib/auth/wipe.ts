// Set at sign-out for the sign-in page that follows: it wipes the browser's outreach queue and
// offline page copies there (components/outreach/queue/wipe-offline.tsx). Holds no personal data.
export const WIPE_COOKIE = 'lantern-wipe';
