// Draws build/icon.png (256x256): a monitor with a green check on a blue tile. node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 256;
const pixels = Buffer.alloc(SIZE * SIZE * 4);

function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(x, y, [x1, y1], [x2, y2]) {
  const t = Math.max(
    0,
    Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)),
  );
  return Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1)));
}

function colourAt(x, y) {
  const check = [
    [92, 118],
    [120, 146],
    [168, 92],
  ];
  if (distanceToSegment(x, y, check[0], check[1]) < 11 || distanceToSegment(x, y, check[1], check[2]) < 11) {
    return [16, 160, 80, 255];
  }
  if (inRoundedRect(x, y, 52, 52, 204, 164, 10)) {
    return inRoundedRect(x, y, 62, 62, 194, 154, 4) ? [232, 240, 250, 255] : [255, 255, 255, 255];
  }
  if (inRoundedRect(x, y, 116, 164, 140, 188, 0) || inRoundedRect(x, y, 84, 186, 172, 200, 6))
    return [255, 255, 255, 255];
  if (inRoundedRect(x, y, 8, 8, 248, 248, 44)) return [0, 95, 184, 255];
  return [0, 0, 0, 0];
}

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) pixels.set(colourAt(x + 0.5, y + 0.5), (y * SIZE + x) * 4);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
