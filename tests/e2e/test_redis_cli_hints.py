"""End-to-end: redis-cli's help and typing hints against Depot.

redis-cli 7.0 asks the server for COMMAND DOCS when it starts and builds its HELP pages and the
grey hints it shows while a command is typed from the reply (it falls back to its built-in table
only when the server does not answer). So these show what Depot's command metadata gives users.
The expected texts are what redis-cli 7.0.15 shows against redis-server 7.0.15. Needs
REDIS_HOST/REDIS_PORT; scripts/test sets them.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
import unittest

HOST = os.environ.get('REDIS_HOST', '127.0.0.1')
PORT = int(os.environ.get('REDIS_PORT', '6379'))
TIMEOUT = 5
ANSI = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')
# linenoise draws a hint in grey (90) after what is typed, up to the colour reset
HINT = re.compile(rb'\x1b\[0;90;49m([^\x1b]*)\x1b\[0m')
CURSOR_QUERY = b'\x1b[6n'

ZUNIONSTORE_SYNTAX = 'destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]'
SET_OPTIONS = ('[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds'
               '|KEEPTTL]')


def cli_env():
    env = dict(os.environ, TERM='xterm', REDISCLI_HISTFILE='/dev/null')
    env.pop('REDISCLI_AUTH', None)
    return env


class RedisCliHelpTest(unittest.TestCase):
    def help(self, *words):
        out = subprocess.run(['redis-cli', '-h', HOST, '-p', str(PORT), 'help', *words], capture_output=True,
                             text=True, timeout=TIMEOUT, env=cli_env()).stdout
        return [line.strip() for line in ANSI.sub('', out).splitlines() if line.strip()]

    def test_help_shows_syntax_version_and_group(self):
        lines = self.help('zunionstore')
        self.assertEqual(lines[0], 'ZUNIONSTORE ' + ZUNIONSTORE_SYNTAX, lines)
        self.assertTrue(lines[1].startswith('summary: ') and len(lines[1]) > len('summary: '), lines)
        self.assertEqual(lines[2:], ['since: 2.0.0', 'group: sorted-set'])

    def test_help_for_a_subcommand(self):
        lines = self.help('client', 'setname')
        self.assertEqual(lines[0], 'CLIENT SETNAME connection-name', lines)
        self.assertEqual(lines[2:], ['since: 2.6.9', 'group: connection'])


class RedisCliHintsTest(unittest.TestCase):
    """redis-cli in a pseudo-terminal, typing as a user would."""

    def setUp(self):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: redis-cli on the terminal
            os.execvpe('redis-cli', ['redis-cli', '-h', HOST, '-p', str(PORT)], cli_env())
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 200, 0, 0))
        self.screen = b''
        self.read_until(lambda: b'> ' in self.screen, 'the prompt')

    def tearDown(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)

    def read_until(self, condition, what):
        deadline = time.monotonic() + TIMEOUT
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0:
                self.fail(f'redis-cli did not show {what}; the terminal got {self.screen[-400:]!r}')
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                data = os.read(self.fd, 65536)
                self.screen += data
                if CURSOR_QUERY in data:  # linenoise asks where the cursor is: answer like a terminal
                    os.write(self.fd, b'\x1b[1;1R')

    def hint_after(self, typed):
        """Types `typed` and returns the hint redis-cli shows once the last key is drawn."""
        self.screen = b''
        os.write(self.fd, typed.encode())
        echoed = re.escape(typed.encode())
        self.read_until(lambda: re.search(echoed + HINT.pattern, self.screen), f'a hint after {typed!r}')
        return re.findall(echoed + HINT.pattern, self.screen)[-1].decode()

    def test_hints_for_a_command_and_its_remaining_arguments(self):
        self.assertEqual(self.hint_after('zunionstore '), ZUNIONSTORE_SYNTAX)
        os.write(self.fd, b'\x15')  # ^U: clear the line
        self.assertEqual(self.hint_after('set k v '), SET_OPTIONS)

    def test_hint_for_a_subcommand(self):
        self.assertEqual(self.hint_after('client setname '), 'connection-name')


if __name__ == '__main__':
    unittest.main()
