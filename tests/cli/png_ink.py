#!/usr/bin/env python3
"""png_ink.py PNG -- prints "WIDTH HEIGHT COLOURS INKED": the image's size, how many distinct
colours it holds and how many of its pixels are not white. Decodes 8-bit RGB or RGBA PNG (what
Chromium's screenshots are) with zlib alone, undoing each row's filter."""
import struct
import sys
import zlib


def rows(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat, width, height, channels = 8, b"", 0, 0, 0
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "only 8-bit RGB or RGBA"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw, stride, prev = zlib.decompress(idat), width * channels, bytearray(width * channels)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1: cur[i] = (cur[i] + a) & 255
            elif kind == 2: cur[i] = (cur[i] + b) & 255
            elif kind == 3: cur[i] = (cur[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        yield width, height, channels, bytes(cur)
        prev = cur


colours, inked, size = set(), 0, (0, 0)
for width, height, channels, line in rows(open(sys.argv[1], "rb").read()):
    size = (width, height)
    for x in range(0, len(line), channels):
        pixel = line[x:x + 3]
        colours.add(pixel)
        inked += pixel != b"\xff\xff\xff"
print(size[0], size[1], len(colours), inked)
