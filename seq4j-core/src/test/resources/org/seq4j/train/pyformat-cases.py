# Regenerates pyformat-cases.tsv, the CPython reference for PyFormatTest:
#   python3 pyformat-cases.py > pyformat-cases.tsv
# Each line: the double's IEEE bits in hex, a %-format spec, and CPython's '%<spec>' % value.
import random
import struct
import sys

def f32(x):
    return struct.unpack('<f', struct.pack('<f', x))[0]

def bits(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]

cases = []
def add(x, *specs):
    for s in specs:
        cases.append((x, s))

# exact binary ties: round half to even
for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 1e16 + 2, 4503599627370497.0]:
    add(x, '.0f', '.0e')
for x in [0.125, 0.375, 0.625, 0.875, -0.125, 1.125, 2.675, 1.005, 0.045]:
    add(x, '.2f', '.1e', '.2e')
for x in [0.0625, 0.1875, 0.03125, 0.00048828125, 1.00006103515625]:
    add(x, '.3f', '.4f', '.3e', '.4e')
# float32 metrics widened to double, near 4-decimal ties (just above or just below)
for s in ['0.00015', '0.12345', '0.98765', '0.11115', '0.5', '0.99995', '0.00005', '1.00005', '2.675', '0.693147', '0.1143', '0.9599', '0.4202', '0.853']:
    x = f32(float(s))
    add(x, '.4f', '.4e', '.2f', '.0f')
    add(-x, '.4f', '.4e')
    add(struct.unpack('<f', struct.pack('<I', struct.unpack('<I', struct.pack('<f', x))[0] + 1))[0], '.4f', '.4e')
    add(struct.unpack('<f', struct.pack('<I', struct.unpack('<I', struct.pack('<f', x))[0] - 1))[0], '.4f', '.4e')
# specials, signed zeros, extremes, carries
for x in [0.0, -0.0, float('nan'), -float('nan'), float('inf'), -float('inf'), 5e-324, -5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 1e22, 1e23, 1e-7, 9.99995e-5, 0.00099999, 9.9999, 99.995, 999999.5, -0.00001, -0.00004999,
          123456789.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e100, 1e-100, 6.02214076e23]:
    add(x, '.0f', '.1f', '.4f', '.10f', '.0e', '.4e', '.16e')
# time-per-step style values
for x in [0.057 * 1e3, 11.415, 0.5e-3, 0.9999999, 1e-3 * 1e3, 2.4999999, 59.5, 60.5]:
    add(x, '.0f')
rnd = random.Random(20240601)
for _ in range(300):
    e = rnd.uniform(-12, 12)
    x = rnd.choice([-1, 1]) * 10 ** e
    add(x, rnd.choice(['.0f', '.2f', '.4f', '.6f']), rnd.choice(['.0e', '.2e', '.4e', '.8e']))
for _ in range(300):
    x = f32(rnd.uniform(-5, 5))
    add(x, '.4f', '.4e')

for x, s in cases:
    sys.stdout.write('%s\t%s\t%s\n' % (bits(x), s, ('%' + s) % x))
