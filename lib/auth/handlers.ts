import { handlers } from './config.ts';

export const { GET, POST } = handlers;
