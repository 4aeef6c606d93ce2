// @peculiar/x509 needs a Reflect metadata polyfill loaded before it (its DI container checks at
// import time). Every engine module imports the library through this file so the order holds, and
// the provider is node's WebCrypto (docs/dcc-notes.md §7: the demo CSCA/DSC are generated with it).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** @peculiar/x509 with node's WebCrypto as its provider. */
export { x509 };
