"""The memcached text protocol as real clients use it: python-memcached, pymemcache and raw
sockets. Every test passes against a real memcached 1.6.18 with default options (1 MB item
size limit); the daemon under test must answer the same way.
"""
import re
import threading
import time
import unittest

from mcsupport import HOST, PORT, MemcachedCase, wait_until

MB = 1024 * 1024


class PythonMemcachedTest(MemcachedCase):
    """python-memcached (`import memcache`), the classic pure-Python client."""

    def test_set_then_get(self):
        mc, k = self.mc(), self.key('foo')
        self.assertSame(mc.set(k, 'bar'), True)
        self.assertSame(mc.get(k), 'bar')
        self.assertIsNone(mc.get(self.key('absent')))

    def test_add_stores_only_when_absent(self):
        mc, k = self.mc(), self.key('add')
        self.assertSame(mc.add(k, 'first'), True)
        self.assertSame(mc.add(k, 'second'), False)
        self.assertSame(mc.get(k), 'first')

    def test_replace_stores_only_when_present(self):
        mc, k = self.mc(), self.key('repl')
        self.assertSame(mc.replace(k, 'v1'), False)
        self.assertIsNone(mc.get(k))
        self.assertSame(mc.set(k, 'v1'), True)
        self.assertSame(mc.replace(k, 'v2'), True)
        self.assertSame(mc.get(k), 'v2')

    def test_set_multi_and_get_multi(self):
        mc = self.mc()
        k1, k2, k3 = self.key('m1'), self.key('m2'), self.key('m3')
        self.assertSame(mc.set(k1, 'old'), True)
        self.assertSame(mc.set_multi({k1: 'v1', k2: 'v2'}), [])
        self.assertSame(mc.get_multi([k1, k2, k3]), {k1: 'v1', k2: 'v2'})

    def test_get_multi_with_500_keys(self):
        mc = self.mc()
        keys = [self.key(f'many{i}') for i in range(500)]
        values = {k: f'value-{i}' for i, k in enumerate(keys)}
        self.assertSame(mc.set_multi(values), [])
        absent = [self.key('nope') for _ in range(20)]
        self.assertEqual(mc.get_multi(keys + absent), values)

    def test_delete_and_delete_multi(self):
        mc = self.mc()
        k, a, b = self.key('d'), self.key('da'), self.key('db')
        self.assertSame(mc.set_multi({k: '1', a: '2', b: '3'}), [])
        self.assertTrue(mc.delete(k))
        self.assertIsNone(mc.get(k))
        self.assertTrue(mc.delete_multi([a, b]))
        self.assertSame(mc.get_multi([a, b]), {})

    def test_delete_with_zero_time_argument(self):
        # Older clients send `delete <key> 0`; memcached still accepts a zero time.
        mc, k = self.mc(), self.key('d0')
        mc.set(k, 'again')
        raw = self.raw()
        self.assertEqual(raw.call(f'delete {k} 0'), b'DELETED')
        self.assertEqual(raw.call(f'delete {k} 0'), b'NOT_FOUND')
        self.assertIsNone(mc.get(k))

    def test_append_and_prepend(self):
        mc, k, missing = self.mc(), self.key('ap'), self.key('apmissing')
        mc.set(k, 'v1')
        self.assertSame(mc.append(k, 'after'), True)
        self.assertSame(mc.prepend(k, 'before'), True)
        self.assertSame(mc.get(k), 'beforev1after')
        self.assertSame(mc.append(missing, 'x'), False)
        self.assertSame(mc.prepend(missing, 'x'), False)
        self.assertIsNone(mc.get(missing))

    def test_incr_decr_keep_the_value_text(self):
        mc, k = self.mc(), self.key('counter')
        mc.set(k, '777')
        self.assertSame(mc.incr(k), 778)
        self.assertSame(mc.incr(k, 10), 788)
        self.assertSame(mc.decr(k), 787)
        self.assertSame(mc.decr(k, 10), 777)
        # The client stored a str (text flag); incr/decr keep the flags, so a str comes back.
        self.assertSame(mc.get(k), '777')
        self.assertIsNone(mc.incr(self.key('nocounter')))

    def test_typed_values_round_trip_through_flags(self):
        mc = self.mc()
        i, s, d = self.key('int'), self.key('str'), self.key('dict')
        mc.set(i, 900)
        mc.set(s, 'text')
        mc.set(d, {'a': [1, 2], 'b': None})
        self.assertSame(mc.get(i), 900)
        self.assertSame(mc.get(s), 'text')
        self.assertEqual(mc.get(d), {'a': [1, 2], 'b': None})

    def test_gets_cas_race_between_two_clients(self):
        k = self.key('product_count')
        a, b = self.mc(cache_cas=True), self.mc(cache_cas=True)
        a.set(k, 900)
        self.assertSame(a.gets(k), 900)
        self.assertSame(b.gets(k), 900)
        self.assertSame(a.cas(k, 899), True)
        self.assertSame(b.cas(k, 898), False)     # b's cas id is stale now
        self.assertSame(self.mc().get(k), 899)
        # b fetches again and wins this time
        self.assertSame(b.gets(k), 899)
        self.assertSame(b.cas(k, 898), True)
        self.assertSame(self.mc().get(k), 898)

    def test_expiry_with_time_1(self):
        mc = self.mc()
        # A 1 s ttl can elapse between the set and the get when the server's clock ticks in
        # between, so try a few times to see it before expiry.
        seen = False
        for _ in range(3):
            k = self.key('short')
            self.assertSame(mc.set(k, 'v', time=1), True)
            if mc.get(k) == 'v':
                seen = True
                break
        self.assertTrue(seen, 'an item with time=1 was never visible right after its set')
        gone = wait_until(lambda: mc.get(k) is None, deadline_s=4.0)
        self.assertTrue(gone, 'item with time=1 still there after 4 s')

    def test_expiry_with_absolute_unix_time(self):
        # exptime above 30 days is an absolute Unix time
        mc = self.mc()
        past, future = self.key('past'), self.key('future')
        self.assertSame(mc.set(past, 'v', time=int(time.time()) - 1000), True)
        self.assertIsNone(mc.get(past))
        self.assertSame(mc.set(future, 'v', time=int(time.time()) + 3600), True)
        self.assertSame(mc.get(future), 'v')

    def test_binary_value(self):
        mc, k = self.mc(), self.key('bin')
        data = bytes(range(256)) * 4
        self.assertSame(mc.set(k, data), True)
        self.assertSame(mc.get(k), data)

    def test_large_value(self):
        mc, k = self.mc(), self.key('large')
        data = 'x' * 1_000_000
        self.assertSame(mc.set(k, data), True)
        self.assertSame(mc.get(k), data)

    def test_touch(self):
        mc, k = self.mc(), self.key('touch')
        mc.set(k, 'v')
        self.assertTrue(mc.touch(k, 100))
        self.assertFalse(mc.touch(self.key('touchmissing'), 100))


class PymemcacheTest(MemcachedCase):
    """pymemcache's base Client without a serializer: values are bytes."""

    def test_set_get_gets_cas(self):
        c = self.pymc()
        k, missing = self.key('k'), self.key('missing')
        self.assertSame(c.set(k, 'v1'), True)
        self.assertSame(c.get(k), b'v1')
        value, cas = c.gets(k)
        self.assertSame(value, b'v1')
        self.assertRegex(cas, rb'^\d+$')
        self.assertSame(c.cas(k, 'v2', cas), True)
        self.assertSame(c.cas(k, 'v3', cas), False)
        self.assertIsNone(c.cas(missing, 'v', cas))
        self.assertSame(c.get(k), b'v2')
        self.assertSame(c.gets(missing), (None, None))

    def test_incr_decr(self):
        c = self.pymc()
        n, missing = self.key('n'), self.key('missing')
        c.set(n, '10')
        self.assertSame(c.incr(n, 5), 15)
        self.assertSame(c.decr(n, 3), 12)
        self.assertSame(c.decr(n, 100), 0)         # never below zero
        self.assertSame(c.incr(n, 12), 12)
        self.assertIsNone(c.incr(missing, 1))
        self.assertIsNone(c.decr(missing, 1))
        self.assertSame(c.get(n), b'12')

    def test_touch(self):
        c = self.pymc()
        k, missing = self.key('k'), self.key('missing')
        c.set(k, 'v')
        self.assertSame(c.touch(k, 100), True)
        self.assertSame(c.touch(missing, 100), False)

    def test_get_many_and_delete_many(self):
        c = self.pymc()
        k, n, missing = self.key('k'), self.key('n'), self.key('missing')
        c.set(k, 'v2')
        c.set(n, '12')
        self.assertSame(c.get_many([k, n, missing]), {k: b'v2', n: b'12'})
        self.assertSame(c.delete_many([k, n]), True)
        self.assertSame(c.get_many([k, n]), {})

    def test_add_replace_append_prepend_delete(self):
        c = self.pymc()
        k = self.key('k')
        self.assertSame(c.replace(k, 'x'), False)
        self.assertSame(c.add(k, 'mid'), True)
        self.assertSame(c.add(k, 'other'), False)
        self.assertSame(c.append(k, '>'), True)
        self.assertSame(c.prepend(k, '<'), True)
        self.assertSame(c.get(k), b'<mid>')
        self.assertSame(c.replace(k, 'new'), True)
        self.assertSame(c.get(k), b'new')
        self.assertSame(c.delete(k), True)
        self.assertSame(c.delete(k), False)

    def test_flags_round_trip(self):
        seen = {}

        class RecordingSerde:
            """Passes bytes through and remembers the flags the server returned."""

            def serialize(self, key, value):
                return value, 0

            def deserialize(self, key, value, flags):
                seen[key] = flags
                return value

        c = self.pymc(serde=RecordingSerde())
        values = {self.key('f0'): 0, self.key('f1'): 1, self.key('f2'): 12345,
                  self.key('f3'): 65535, self.key('f4'): 4294967295}
        for k, flags in values.items():
            self.assertSame(c.set(k, b'payload', flags=flags), True)
        for k, flags in values.items():
            self.assertSame(c.get(k), b'payload')
            self.assertSame(seen[k], flags)

    def test_binary_safe_values(self):
        c = self.pymc()
        k, k2 = self.key('bin'), self.key('crlf')
        every_byte = bytes(range(256))
        self.assertSame(c.set(k, every_byte), True)
        self.assertSame(c.get(k), every_byte)
        tricky = b'\r\nEND\r\nVALUE x 0 1\r\n\x00'
        self.assertSame(c.set(k2, tricky), True)
        self.assertSame(c.get_many([k, k2]), {k: every_byte, k2: tricky})

    def test_large_values_and_the_item_size_limit(self):
        from pymemcache.exceptions import MemcacheServerError
        c = self.pymc()
        k, big = self.key('large'), self.key('toolarge')
        data = bytes(i % 251 for i in range(1_000_000))
        self.assertSame(c.set(k, data), True)
        self.assertSame(c.get(k), data)
        with self.assertRaises(MemcacheServerError) as ctx:
            c.set(big, b'y' * (2 * MB))
        self.assertEqual(ctx.exception.args[0], b'object too large for cache')
        # The refused data was skipped: the same connection keeps working.
        self.assertIsNone(c.get(big))
        self.assertSame(c.get(k), data)

    def test_version(self):
        self.assertRegex(self.pymc().version(), rb'^\d+\.\d+')

    def test_stats(self):
        c = self.pymc()
        before = c.stats()
        for name in (b'pid', b'uptime', b'curr_items', b'total_items', b'bytes', b'get_hits',
                     b'get_misses', b'evictions', b'curr_connections', b'cmd_get', b'cmd_set'):
            self.assertIn(name, before)
            self.assertIsInstance(before[name], int, name)
            self.assertGreaterEqual(before[name], 0, name)
        self.assertGreater(before[b'pid'], 0)
        self.assertGreaterEqual(before[b'curr_connections'], 1)
        k = self.key('stats')
        c.set(k, 'v')
        c.get(k)
        c.get(self.key('statsmissing'))
        after = c.stats()
        self.assertGreaterEqual(after[b'cmd_set'] - before[b'cmd_set'], 1)
        self.assertGreaterEqual(after[b'cmd_get'] - before[b'cmd_get'], 2)
        self.assertGreaterEqual(after[b'get_hits'] - before[b'get_hits'], 1)
        self.assertGreaterEqual(after[b'get_misses'] - before[b'get_misses'], 1)
        self.assertGreaterEqual(after[b'total_items'] - before[b'total_items'], 1)
        self.assertGreaterEqual(after[b'curr_items'], 1)
        self.assertGreater(after[b'bytes'], 0)
        self.assertGreaterEqual(after[b'uptime'], before[b'uptime'])


class RawTextProtocolTest(MemcachedCase):
    """The wire itself: exact reply bytes, pipelining, split writes, noreply."""

    def test_session(self):
        raw, a = self.raw(), self.key('a')
        self.assertEqual(raw.call(f'set {a} 0 0 1\r\nx'), b'STORED')
        raw.cmd(f'get {a}')
        raw.expect(f'VALUE {a} 0 1\r\nx\r\nEND\r\n')
        cas_ids = []
        for _ in range(2):
            raw.cmd(f'gets {a}')
            m = re.fullmatch(rf'VALUE {a} 0 1 (\d+)'.encode(), raw.line())
            self.assertIsNotNone(m, 'gets header carries a cas id')
            cas_ids.append(int(m.group(1)))
            raw.expect('x\r\nEND\r\n')
        self.assertEqual(cas_ids[0], cas_ids[1], 'cas id of an unchanged item')
        raw.send(f'set {a} 0 0 1\r\ny\r\ngets {a}\r\n')
        self.assertEqual(raw.line(), b'STORED')
        self.assertNotEqual(int(raw.line().split()[-1]), cas_ids[0], 'cas id after overwrite')
        raw.expect('y\r\nEND\r\n')
        self.assertEqual(raw.call('no_such_command foo'), b'ERROR')
        self.assertRegex(raw.call('version'), rb'^VERSION \S+$')
        raw.expect_silence()

    def test_pipelined_commands_answer_in_order(self):
        raw, a, b = self.raw(), self.key('a'), self.key('b')
        raw.send(f'set {a} 0 0 2\r\nv1\r\nset {b} 7 0 2\r\nv2\r\nget {a} {b}\r\n'
                 f'delete {a}\r\nget {a}\r\nbogus\r\nget {b}\r\n')
        raw.expect(f'STORED\r\nSTORED\r\nVALUE {a} 0 2\r\nv1\r\nVALUE {b} 7 2\r\nv2\r\nEND\r\n'
                   f'DELETED\r\nEND\r\nERROR\r\nVALUE {b} 7 2\r\nv2\r\nEND\r\n')
        raw.expect_silence()

    def test_many_pipelined_sets_and_gets(self):
        raw = self.raw()
        keys = [self.key('p') for _ in range(300)]
        raw.send(b''.join(f'set {k} {i} 0 {len(str(i))}\r\n{i}\r\n'.encode()
                          for i, k in enumerate(keys)))
        raw.expect(b'STORED\r\n' * len(keys))
        raw.send(b''.join(f'get {k}\r\n'.encode() for k in keys))
        raw.expect(b''.join(f'VALUE {k} {i} {len(str(i))}\r\n{i}\r\nEND\r\n'.encode()
                            for i, k in enumerate(keys)))

    def test_split_writes(self):
        raw, a = self.raw(), self.key('a')
        for part in ('se', f't {a} 3 0 5', '\r', '\nhel', 'lo', '\r\n'):
            raw.send(part)
            time.sleep(0.05)
        self.assertEqual(raw.line(), b'STORED')
        for part in ('get ', a, '\r\n'):
            raw.send(part)
            time.sleep(0.05)
        raw.expect(f'VALUE {a} 3 5\r\nhello\r\nEND\r\n')
        # byte by byte
        for byte in f'get {a}\r\n'.encode():
            raw.send(bytes([byte]))
        raw.expect(f'VALUE {a} 3 5\r\nhello\r\nEND\r\n')
        raw.expect_silence()

    def test_noreply_stream(self):
        raw, k = self.raw(), self.key('k')
        raw.send(f'set {k} 5 0 1 noreply\r\n5\r\n'
                 f'replace {k} 5 0 1 noreply\r\n6\r\n'
                 f'add {k} 5 0 1 noreply\r\nz\r\n'         # fails (exists): still silent
                 f'incr {k} 3 noreply\r\n'
                 f'decr {k} 1 noreply\r\n'
                 f'append {k} 0 0 1 noreply\r\n0\r\n'
                 f'prepend {k} 0 0 1 noreply\r\n1\r\n'
                 f'touch {k} 100 noreply\r\n'
                 f'get {k}\r\n')
        # 5 -> 6 -> 9 -> 8 -> '80' -> '180'; append/prepend keep the item's flags (5)
        raw.expect(f'VALUE {k} 5 3\r\n180\r\nEND\r\n')
        raw.expect_silence()
        raw.cmd(f'gets {k}')
        cas = raw.line().split()[-1].decode()
        raw.expect('180\r\nEND\r\n')
        raw.send(f'cas {k} 5 0 1 {cas} noreply\r\n9\r\nget {k}\r\n')
        raw.expect(f'VALUE {k} 5 1\r\n9\r\nEND\r\n')
        raw.send(f'delete {k} noreply\r\nget {k}\r\n')
        raw.expect('END\r\n')
        raw.send(f'flush_all noreply\r\nversion\r\n')
        self.assertRegex(raw.line(), rb'^VERSION ')
        raw.expect_silence()

    def test_cas_replies(self):
        raw, k, missing = self.raw(), self.key('k'), self.key('missing')
        raw.send(f'set {k} 0 0 1\r\na\r\ngets {k}\r\n')
        self.assertEqual(raw.line(), b'STORED')
        cas = int(raw.line().split()[-1])
        raw.expect('a\r\nEND\r\n')
        raw.send(f'cas {k} 0 0 1 {cas + 1}\r\nb\r\n'
                 f'cas {k} 0 0 1 {cas}\r\nc\r\n'
                 f'cas {k} 0 0 1 {cas}\r\nd\r\n'
                 f'cas {missing} 0 0 1 {cas}\r\ne\r\n'
                 f'get {k}\r\n')
        raw.expect(f'EXISTS\r\nSTORED\r\nEXISTS\r\nNOT_FOUND\r\nVALUE {k} 0 1\r\nc\r\nEND\r\n')

    def test_incr_decr_edge_cases(self):
        raw, k = self.raw(), self.key('n')
        raw.send(f'incr {self.key("missing")} 1\r\n'
                 f'set {k} 0 0 2\r\nab\r\nincr {k} 1\r\n'
                 f'set {k} 0 0 1\r\n5\r\ndecr {k} 10\r\nincr {k} abc\r\nincr {k} -1\r\n'
                 f'set {k} 0 0 20\r\n18446744073709551615\r\nincr {k} 1\r\n'
                 f'set {k} 0 0 2\r\n99\r\nincr {k} 1\r\nget {k}\r\n')
        raw.expect('NOT_FOUND\r\n'
                   'STORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n'
                   'STORED\r\n0\r\nCLIENT_ERROR invalid numeric delta argument\r\n'
                   'CLIENT_ERROR invalid numeric delta argument\r\n'
                   'STORED\r\n0\r\n'
                   f'STORED\r\n100\r\nVALUE {k} 0 3\r\n100\r\nEND\r\n')

    def test_touch_gat_gats(self):
        raw, k, missing = self.raw(), self.key('k'), self.key('missing')
        raw.send(f'set {k} 4 0 1\r\nx\r\ntouch {k} 10\r\ntouch {missing} 10\r\n')
        raw.expect('STORED\r\nTOUCHED\r\nNOT_FOUND\r\n')
        raw.send(f'gat 100 {k} {missing}\r\n')
        raw.expect(f'VALUE {k} 4 1\r\nx\r\nEND\r\n')
        raw.cmd(f'gats 0 {k}')
        self.assertRegex(raw.line(), rf'^VALUE {k} 4 1 \d+$'.encode())
        raw.expect('x\r\nEND\r\n')
        raw.send(f'gat abc {k}\r\n')
        raw.expect('CLIENT_ERROR invalid exptime argument\r\n')

    def test_negative_exptime_expires_at_once(self):
        raw, k = self.raw(), self.key('k')
        raw.send(f'set {k} 0 -1 1\r\nx\r\nget {k}\r\n')
        raw.expect('STORED\r\nEND\r\n')

    def test_flags_are_32_bit(self):
        raw, k = self.raw(), self.key('k')
        raw.send(f'set {k} 4294967295 0 1\r\nx\r\nget {k}\r\n')
        raw.expect(f'STORED\r\nVALUE {k} 4294967295 1\r\nx\r\nEND\r\n')

    def test_value_with_embedded_crlf_and_every_byte(self):
        raw, k = self.raw(), self.key('k')
        data = bytes(range(256)) + b'\r\nEND\r\n'
        raw.send(f'set {k} 0 0 {len(data)}\r\n'.encode() + data + b'\r\n')
        raw.expect('STORED\r\n')
        raw.cmd(f'get {k}')
        header, value = raw.value()
        self.assertEqual(header, [b'VALUE', k.encode(), b'0', str(len(data)).encode()])
        self.assertEqual(value, data)

    def test_too_large_value_is_refused_and_its_data_skipped(self):
        raw, k = self.raw(), self.key('big')
        size = 2 * MB
        raw.send(f'set {k} 0 0 {size}\r\n'.encode() + b'z' * size + f'\r\nget {k}\r\n'.encode())
        raw.expect('SERVER_ERROR object too large for cache\r\nEND\r\n')
        ok = self.key('ok')
        raw.send(f'set {ok} 0 0 1000000\r\n'.encode() + b'q' * 1_000_000 + b'\r\n')
        raw.expect('STORED\r\n')
        raw.cmd(f'get {ok}')
        header, value = raw.value()
        self.assertEqual(header[3], b'1000000')
        self.assertEqual(value, b'q' * 1_000_000)

    def test_key_length_limit(self):
        raw = self.raw()
        long_key = 'k' * 250
        self._keys.append(long_key)
        raw.send(f'set {long_key} 0 0 1\r\nx\r\nget {long_key}\r\n')
        raw.expect(f'STORED\r\nVALUE {long_key} 0 1\r\nx\r\nEND\r\n')
        raw.send(f'get {"k" * 251}\r\n')
        raw.expect('CLIENT_ERROR bad command line format\r\n')

    def test_malformed_commands(self):
        raw = self.raw()
        raw.send('set a b c d\r\n'
                 'set a 0 0 -1\r\n'
                 'get\r\n'
                 f'delete {self.key("d")} 5\r\n'
                 '\r\n'
                 'version\r\n')
        raw.expect('CLIENT_ERROR bad command line format\r\n'
                   'CLIENT_ERROR bad command line format\r\n'
                   'ERROR\r\n'
                   'CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n'
                   'ERROR\r\n')
        self.assertRegex(raw.line(), rb'^VERSION ')


class FlushAllTest(MemcachedCase):
    """flush_all empties the whole cache: these tests own the server while they run."""

    def test_flush_all_with_python_memcached(self):
        mc = self.mc()
        a, b, c = self.key('fa'), self.key('fb'), self.key('fc')
        mc.set_multi({a: '1', b: '2'})
        self.assertSame(mc.get_multi([a, b]), {a: '1', b: '2'})
        mc.flush_all()
        self.assertSame(mc.get_multi([a, b]), {})
        # items stored after the flush are kept
        self.assertSame(mc.set(c, '3'), True)
        self.assertSame(mc.get(c), '3')

    def test_flush_all_raw_and_pymemcache(self):
        raw, c = self.raw(), self.pymc()
        k = self.key('f')
        c.set(k, 'v')
        self.assertEqual(raw.call('flush_all'), b'OK')
        self.assertIsNone(c.get(k))
        c.set(k, 'v2')
        self.assertSame(c.flush_all(), True)
        self.assertIsNone(c.get(k))
        self.assertEqual(raw.call('flush_all 0'), b'OK')


class ConcurrencyTest(MemcachedCase):
    """8 threads x 500 operations, each thread with its own client; every reply checked."""

    THREADS = 8
    CYCLES = 125   # 4 operations per cycle -> 500 per thread

    def _worker(self, n, shared, errors):
        from pymemcache.client.base import Client as PyClient
        import memcache
        try:
            if n % 2:
                c = PyClient((HOST, PORT), connect_timeout=5, timeout=5, default_noreply=False)
                get = c.get
                set_ = c.set
                incr = c.incr
                delete = c.delete
                close = c.close
                as_value = lambda s: s.encode()
            else:
                c = memcache.Client([f'{HOST}:{PORT}'], socket_timeout=5)
                get, set_, incr, delete, close = c.get, c.set, c.incr, c.delete, c.disconnect_all
                as_value = lambda s: s
            try:
                own = self.key(f't{n}')
                last = 0
                for i in range(self.CYCLES):
                    value = f'{n}:{i}:' + 'x' * (i % 50)
                    if set_(own, value) is not True:
                        errors.append(f'thread {n} cycle {i}: set failed')
                    got = get(own)
                    if got != as_value(value):
                        errors.append(f'thread {n} cycle {i}: get {got!r} != {value!r}')
                    count = incr(shared, 1)
                    if not isinstance(count, int) or count <= last:
                        errors.append(f'thread {n} cycle {i}: incr gave {count!r} after {last}')
                    else:
                        last = count
                    if not delete(own):
                        errors.append(f'thread {n} cycle {i}: delete failed')
            finally:
                close()
        except Exception as e:   # reported by the main thread
            errors.append(f'thread {n}: {type(e).__name__}: {e}')

    def test_threads_with_own_clients(self):
        shared = self.key('shared_counter')
        raw = self.raw()
        self.assertEqual(raw.call(f'set {shared} 0 0 1\r\n0'), b'STORED')
        errors = []
        threads = [threading.Thread(target=self._worker, args=(n, shared, errors))
                   for n in range(self.THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=50)
        self.assertFalse(any(t.is_alive() for t in threads), 'a worker thread hung')
        self.assertEqual(errors[:20], [])
        raw.cmd(f'get {shared}')
        _, value = raw.value()
        self.assertEqual(int(value), self.THREADS * self.CYCLES)


if __name__ == '__main__':
    unittest.main()
