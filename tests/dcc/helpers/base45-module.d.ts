// Typings for the `base45` npm package (ships none); used only as an independent decoder in tests.
declare module 'base45' {
  const base45: { encode(input: Uint8Array | string): string; decode(input: string): Buffer };
  export default base45;
}
