/**
 * At server start: validates the environment (a message names each bad variable) and makes every
 * request carry its connection's peer address for rate limiting (lib/auth/client-ip.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEnv } = await import('./lib/env');
    getEnv();
    const { Server } = await import('node:http');
    const { installPeerAddressHeader } = await import('./lib/auth/client-ip');
    installPeerAddressHeader(Server);
  }
}
