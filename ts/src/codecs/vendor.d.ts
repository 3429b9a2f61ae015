// The parts of the untyped compression packages the codec modules use.
declare module "lz4js" {
  /** Decompresses the lz4 block `src[sIndex..sIndex + sLength]` into `dst` from `dIndex`; returns the end index. */
  function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
  const lz4js: { decompressBlock: typeof decompressBlock };
  export default lz4js;
}

declare module "snappyjs" {
  /** Decompresses a raw snappy buffer (refusing a declared length over `maxLength`). */
  function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
  const snappyjs: { uncompress: typeof uncompress };
  export default snappyjs;
}
