"""Shared fixtures for the memcached end-to-end tests.

The server under test is given by MEMCACHED_ADDR=host:port (default 127.0.0.1:11211).
Every test must also pass against a real memcached 1.6.18 started with default options
(in particular the default 1 MB item size limit): that server is the specification.

Helpers here:
  Raw            a plain TCP connection speaking the text protocol, with a read buffer
  MemcachedCase  unittest.TestCase base class: unique keys, client factories, cleanup,
                 and a hard per-test time limit so that a hung server fails the test
                 instead of hanging the run
"""
import os
import signal
import socket
import time
import unittest
import uuid

ADDR = os.environ.get('MEMCACHED_ADDR', '127.0.0.1:11211')
HOST, _PORT = ADDR.rsplit(':', 1)
PORT = int(_PORT)
TIMEOUT = 5.0          # seconds, for every socket operation
TEST_TIME_LIMIT = 60   # seconds, wall clock, per test method


class TestTimeLimit(BaseException):
    """Raised by the alarm; BaseException so that client libraries cannot swallow it."""


class Raw:
    """One TCP connection to the server; replies are read through a buffer."""

    def __init__(self, timeout=TIMEOUT):
        self.timeout = timeout
        self.sock = socket.create_connection((HOST, PORT), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b''

    # -- writing ---------------------------------------------------------------------------
    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def cmd(self, line):
        """Send one command line (CRLF appended)."""
        self.send(line.encode() + b'\r\n' if isinstance(line, str) else line + b'\r\n')

    # -- reading ---------------------------------------------------------------------------
    def _fill(self):
        try:
            chunk = self.sock.recv(262144)
        except socket.timeout:
            raise AssertionError(f'timed out waiting for the server; buffered so far: '
                                 f'{self.buf[:300]!r}') from None
        if not chunk:
            raise AssertionError(f'server closed the connection; buffered so far: '
                                 f'{self.buf[:300]!r}')
        self.buf += chunk

    def line(self):
        """Next reply line, without its CRLF."""
        while b'\r\n' not in self.buf:
            self._fill()
        line, self.buf = self.buf.split(b'\r\n', 1)
        return line

    def read_exact(self, n):
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def expect(self, expected):
        """The next bytes on the wire must be exactly `expected`."""
        if isinstance(expected, str):
            expected = expected.encode()
        while len(self.buf) < len(expected) and expected.startswith(self.buf):
            self._fill()
        got, self.buf = self.buf[:len(expected)], self.buf[len(expected):]
        if got != expected:
            more = self.buf[:200]
            raise AssertionError(f'reply bytes differ:\n  expected {expected!r}\n'
                                 f'  got      {got!r} (followed by {more!r})')

    def call(self, line):
        """Send one command line, return the first reply line."""
        self.cmd(line)
        return self.line()

    def value(self):
        """Read a `VALUE key flags len [cas]` block plus the END line -> (header, data).

        Returns (None, None) on a bare END."""
        header = self.line()
        if header == b'END':
            return None, None
        parts = header.split()
        assert parts[0] == b'VALUE', f'expected VALUE or END, got {header!r}'
        data = self.read_exact(int(parts[3]) + 2)
        assert data.endswith(b'\r\n'), f'data block not terminated by CRLF: {data[-10:]!r}'
        end = self.line()
        assert end == b'END', f'expected END after one value, got {end!r}'
        return parts, data[:-2]

    def expect_silence(self, wait=0.3):
        """Nothing more arrives within `wait` seconds."""
        self.sock.settimeout(wait)
        try:
            extra = self.buf + self.sock.recv(65536)
        except socket.timeout:
            extra = self.buf
        finally:
            self.sock.settimeout(self.timeout)
        self.buf = b''
        if extra:
            raise AssertionError(f'unexpected extra bytes from the server: {extra[:300]!r}')

    def sync(self):
        """Round trip that proves every earlier command on this connection was processed."""
        self.cmd('version')
        line = self.line()
        assert line.startswith(b'VERSION '), f'expected VERSION, got {line!r}'

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def _on_alarm(signum, frame):
    signal.setitimer(signal.ITIMER_REAL, 5)   # grace period for cleanup, then fire again
    raise TestTimeLimit(f'test exceeded its {TEST_TIME_LIMIT} s wall-clock limit')


def wait_until(predicate, deadline_s, interval=0.05):
    """Poll predicate() until it returns a truthy value or the deadline passes."""
    end = time.monotonic() + deadline_s
    while True:
        result = predicate()
        if result or time.monotonic() >= end:
            return result
        time.sleep(interval)


class MemcachedCase(unittest.TestCase):
    """Unique key names, client factories closed after the test, keys deleted after it."""

    time_limit = TEST_TIME_LIMIT

    def setUp(self):
        self._keys = []
        self._old_alarm = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.time_limit)
        self.addCleanup(self._stop_alarm)
        self.addCleanup(self._delete_keys)   # cleanups run last-in first-out

    def _stop_alarm(self):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._old_alarm)

    def _delete_keys(self):
        if not self._keys:
            return
        raw = Raw()
        try:
            # noreply deletes, then a round trip so they are done before the next test
            for i in range(0, len(self._keys), 200):
                raw.send(b''.join(f'delete {k} noreply\r\n'.encode()
                                  for k in self._keys[i:i + 200]))
            raw.sync()
        finally:
            raw.close()

    def key(self, base='k'):
        """A fresh key name (ASCII, no spaces), deleted after the test."""
        k = f'{base}_{uuid.uuid4().hex[:12]}'
        self._keys.append(k)
        return k

    def raw(self, timeout=TIMEOUT):
        conn = Raw(timeout)
        self.addCleanup(conn.close)
        return conn

    def mc(self, **kw):
        """A python-memcached client."""
        import memcache
        client = memcache.Client([ADDR], socket_timeout=TIMEOUT, **kw)
        self.addCleanup(client.disconnect_all)
        return client

    def pymc(self, **kw):
        """A pymemcache client (no serde: values come back as bytes)."""
        from pymemcache.client.base import Client
        kw.setdefault('default_noreply', False)
        client = Client((HOST, PORT), connect_timeout=TIMEOUT, timeout=TIMEOUT, **kw)
        self.addCleanup(client.close)
        return client

    def assertSame(self, actual, expected, msg=None):
        """Equal and of the same type (so 1 is not accepted for True, nor b'x' for 'x')."""
        self.assertIs(type(actual), type(expected),
                      msg or f'type of {actual!r} is not that of {expected!r}')
        self.assertEqual(actual, expected, msg)
