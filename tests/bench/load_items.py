#!/usr/bin/python3
"""Fast loader for the memory benchmark: stores COUNT items of SIZE bytes over one connection.

Usage: load_items.py HOST PORT COUNT SIZE [BATCH]

Keys are key:0000000, key:0000001, ...; the sets are pipelined `noreply` commands written in
batches of BATCH (default 1000). A final `get` of the last key proves the server processed
everything; then a sample of keys is read back. Exits 1 if fewer than 99% of the sample are
there (the server evicted or refused items).
"""
import random
import socket
import sys
import time


def read_until(sock, buf, terminator, timeout_s):
    sock.settimeout(timeout_s)
    while terminator not in buf:
        chunk = sock.recv(1 << 20)
        if not chunk:
            raise SystemExit(f'server closed the connection; got {buf[-200:]!r}')
        buf += chunk
    return buf


def main():
    if len(sys.argv) not in (5, 6):
        raise SystemExit(__doc__)
    host, port, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    batch = int(sys.argv[5]) if len(sys.argv) == 6 else 1000
    value = (b'0123456789abcdefghijklmnopqrstuvwxyz' * (size // 36 + 1))[:size]
    tail = b' 0 0 %d noreply\r\n' % size + value + b'\r\n'

    sock = socket.create_connection((host, port), timeout=60)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    started = time.monotonic()
    for first in range(0, count, batch):
        last = min(first + batch, count)
        sock.sendall(b''.join(b'set key:%07d' % i + tail for i in range(first, last)))
    # in-order processing: once this get is answered, every set before it was handled
    sock.sendall(b'get key:%07d\r\n' % (count - 1))
    reply = read_until(sock, b'', b'END\r\n', 120)
    elapsed = time.monotonic() - started
    if not reply.startswith(b'VALUE '):
        print(f'warning: the last key is missing: {reply[:200]!r}', file=sys.stderr)

    sample = random.Random(42).sample(range(count), min(count, 1000))
    sock.sendall(b''.join(b'get key:%07d\r\n' % i for i in sample))
    buf, hits = b'', 0
    for _ in sample:
        buf = read_until(sock, buf, b'END\r\n', 30)
        one, buf = buf.split(b'END\r\n', 1)
        hits += one.startswith(b'VALUE ')
    sock.close()
    print(f'loaded {count} items of {size} bytes in {elapsed:.1f} s '
          f'({count / elapsed:.0f} sets/s); sample read back: {hits}/{len(sample)}')
    if hits < 0.99 * len(sample):
        sys.exit(1)


if __name__ == '__main__':
    main()
