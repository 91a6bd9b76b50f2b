export type TrustedProxies = { hops: number } | { addresses: string[] } | null;
export function normaliseAddress(address: string | null | undefined): string;
export function parseTrustedProxies(value: string | null | undefined): TrustedProxies;
export function clientAddressFrom(
  socketAddress: string | null | undefined,
  forwardedFor: string | string[] | null | undefined,
  trusted: TrustedProxies,
): string;
export const CLIENT_ADDRESS_HEADER: 'x-lantern-client-address';
export const HOOK_MARK: unique symbol;
