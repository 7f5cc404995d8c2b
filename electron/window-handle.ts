/**
 * A window's HWND, as Electron's getNativeWindowHandle() gives it (its bytes in the machine's order: 8 on 64-bit
 * Windows, 4 on 32-bit), as the decimal digits the elevation script takes (powershell-commands.ts
 * isWindowHandle). Undefined for no window, a zero handle or any other shape: the prompt then has no owner.
 */
export function windowHandleText(handle: Uint8Array | undefined): string | undefined {
  if (handle === undefined) return undefined;
  const view = new DataView(handle.buffer, handle.byteOffset, handle.byteLength);
  let value: bigint;
  if (handle.byteLength === 8) value = view.getBigUint64(0, true);
  else if (handle.byteLength === 4) value = BigInt(view.getUint32(0, true));
  else return undefined;
  return value === 0n ? undefined : value.toString();
}
