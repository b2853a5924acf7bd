#!/usr/bin/env python3
"""Disassembles the machine code C2 compiled for a method, without an hsdis plugin.

Without hsdis, -XX:+PrintAssembly prints each compiled method as hex ([MachCode] blocks). Debian's libhsdis0-fcml
exports only the old hsdis entry point (decode_instructions), which JDK 25 no longer calls, so the hex is what this
machine gives; this script feeds it to objdump (binutils). How the register-tile spills were seen (BENCHMARKS.md):

    java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions \\
         -XX:CompileCommand=print,org.seq4j.kernels.MatMul::kernel6InPlace -Dseq4j.threads=1 \\
         -cp /tmp/jp JitProfile seq4j-cli/target/seq4j.jar 6 - 0 3 > /tmp/print.txt
    tools/ab/disasm.py /tmp/print.txt | grep -B8 -A40 vfmadd | less

Prints the last C2 compilation in the file (the last one is the method's final, non-OSR code when the method ran
long enough), or the one given by --index (0 = the first C2 block; --list shows them).
"""
import argparse
import re
import subprocess
import sys
import tempfile

HEADER = re.compile(r'^Compiled method \(c2\)')
HEX_LINE = re.compile(r'^\s*0x([0-9a-f]+): ([0-9a-f |]+)$')


def blocks(lines):
    """(header, [lines]) of every C2 compilation in a -XX:+PrintAssembly log."""
    found, current = [], None
    for line in lines:
        if HEADER.match(line):
            current = (line.strip(), [])
            found.append(current)
        elif line.startswith('Compiled method') or line.startswith('[Stub Code]'):
            current = None
        elif current is not None:
            current[1].append(line)
    return found


def machine_code(lines):
    """The bytes of the [MachCode] hex lines and the address of the first."""
    data, base = bytearray(), None
    for line in lines:
        m = HEX_LINE.match(line)
        if not m:
            continue
        address = int(m.group(1), 16)
        if base is None:
            base = address
        gap = address - (base + len(data))
        if gap < 0:  # a line repeated after an annotation
            continue
        data += b'\x90' * gap + bytes.fromhex(m.group(2).replace('|', '').replace(' ', ''))
    return base, bytes(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('log', help='output of a JVM run with -XX:CompileCommand=print,CLASS::METHOD')
    parser.add_argument('--index', type=int, default=-1, help='which C2 block (default: the last)')
    parser.add_argument('--list', action='store_true', help='list the C2 blocks and stop')
    args = parser.parse_args()
    try:
        with open(args.log, errors='replace') as f:
            found = blocks(f.read().split('\n'))
    except OSError as e:
        sys.exit(f'{args.log}: cannot read the log: {e.strerror}')
    if not found:
        sys.exit(f'{args.log}: no "Compiled method (c2)" block; run the JVM with '
                 '-XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,CLASS::METHOD')
    if args.list:
        for i, (header, _) in enumerate(found):
            print(i, header)
        return
    if not -len(found) <= args.index < len(found):
        sys.exit(f'--index {args.index}: the log has {len(found)} C2 blocks (0 to {len(found) - 1})')
    header, lines = found[args.index]
    base, code = machine_code(lines)
    if base is None:
        sys.exit(f'{args.log}: block "{header}" has no [MachCode] hex lines')
    with tempfile.NamedTemporaryFile(suffix='.bin') as tmp:
        tmp.write(code)
        tmp.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-Mintel', f'--adjust-vma={base:#x}',
                              tmp.name], capture_output=True, text=True, check=True).stdout
    print(header)
    print(out.split('<.data>:', 1)[-1])


if __name__ == '__main__':
    main()
