/** The parts of UTIF.js (photopea/UTIF.js, MIT) the capture engine uses; the package ships no types. */
declare module 'utif' {
  export interface Ifd {
    [tag: string]: unknown;
    width?: number;
    height?: number;
    data?: Uint8Array;
  }
  export function decode(buffer: ArrayBuffer | Uint8Array): Ifd[];
  export function decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: Ifd): void;
  export function toRGBA8(ifd: Ifd): Uint8Array;
  const UTIF: { decode: typeof decode; decodeImage: typeof decodeImage; toRGBA8: typeof toRGBA8 };
  export default UTIF;
}
