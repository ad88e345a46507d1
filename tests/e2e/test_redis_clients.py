"""End-to-end: the stock redis-py client and redis-cli against Depot's RESP listener.

Covers the commands Depot serves so far (connection, keys, strings) and the keyspace it shares
with memcached. Expectations are Redis 7's replies. Needs REDIS_HOST/REDIS_PORT (and
MEMCACHED_ADDR for the shared-keyspace tests); scripts/test sets them.
"""
import os
import socket
import subprocess
import time
import unittest
import uuid

import memcache
import redis

HOST = os.environ.get('REDIS_HOST', '127.0.0.1')
PORT = int(os.environ.get('REDIS_PORT', '6379'))
MEMCACHED_ADDR = os.environ.get('MEMCACHED_ADDR', '127.0.0.1:11211')
TIMEOUT = 5


def poll(condition, seconds=3.0):
    """True once condition() holds, False when the deadline passes first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


class RedisTestCase(unittest.TestCase):
    def setUp(self):
        self.r = redis.Redis(host=HOST, port=PORT, socket_timeout=TIMEOUT, decode_responses=True)
        self.keys = []

    def tearDown(self):
        if self.keys:
            self.r.delete(*self.keys)
        self.r.close()

    def key(self, base):
        k = f'e2e-{base}-{uuid.uuid4().hex[:10]}'
        self.keys.append(k)
        return k


class ConnectionTest(RedisTestCase):
    def test_ping_echo(self):
        self.assertIs(self.r.ping(), True)
        self.assertEqual(self.r.echo('hello'), 'hello')

    def test_hello_3_speaks_resp3(self):
        # Debian's redis-py predates protocol=3, so the RESP3 handshake is checked on the wire
        with socket.create_connection((HOST, PORT), timeout=TIMEOUT) as s:
            s.sendall(b'HELLO 3\r\n')
            data = b''
            while b'modules' not in data:
                data += s.recv(4096)
            self.assertTrue(data.startswith(b'%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n'), data)
            s.sendall(b'GET e2e-resp3-missing-key\r\n')
            data = b''
            while not data.endswith(b'\r\n'):
                data += s.recv(4096)
            self.assertEqual(data, b'_\r\n')

    def test_select_isolates_databases(self):
        other = redis.Redis(host=HOST, port=PORT, db=5, socket_timeout=TIMEOUT, decode_responses=True)
        try:
            k = self.key('db')
            self.r.set(k, 'zero')
            self.assertIsNone(other.get(k))
            other.set(k, 'five')
            self.assertEqual(self.r.get(k), 'zero')
            self.assertEqual(other.get(k), 'five')
            other.delete(k)
        finally:
            other.close()
        with self.assertRaisesRegex(redis.ResponseError, 'DB index is out of range'):
            self.r.execute_command('SELECT', 16)

    def test_unknown_command_and_arity(self):
        with self.assertRaisesRegex(redis.ResponseError, "unknown command 'NOSUCH'"):
            self.r.execute_command('NOSUCH', 'a')
        with self.assertRaisesRegex(redis.ResponseError, "wrong number of arguments for 'get' command"):
            self.r.execute_command('GET')

    def test_client_name(self):
        self.r.client_setname('e2e-client')
        self.assertEqual(self.r.client_getname(), 'e2e-client')
        self.assertIsInstance(self.r.client_id(), int)

    def test_info_reports_a_recent_redis(self):
        info = self.r.info()
        major, minor = (int(x) for x in info['redis_version'].split('.')[:2])
        self.assertGreaterEqual((major, minor), (7, 2))


class StringsTest(RedisTestCase):
    def test_set_get_options(self):
        k = self.key('s')
        self.assertIs(self.r.set(k, 'v1'), True)
        self.assertIsNone(self.r.set(k, 'v2', nx=True))
        self.assertIs(self.r.set(k, 'v3', xx=True), True)
        self.assertEqual(self.r.set(k, 'v4', get=True), 'v3')
        self.assertEqual(self.r.get(k), 'v4')
        self.assertIs(self.r.set(k, 'v5', ex=100), True)
        self.assertTrue(99 <= self.r.ttl(k) <= 100)
        self.assertIs(self.r.set(k, 'v6', keepttl=True), True)
        self.assertTrue(99 <= self.r.ttl(k) <= 100)
        with self.assertRaisesRegex(redis.ResponseError, 'syntax error'):
            self.r.execute_command('SET', k, 'v', 'NX', 'XX')
        with self.assertRaisesRegex(redis.ResponseError, "invalid expire time in 'set' command"):
            self.r.execute_command('SET', k, 'v', 'EX', 0)

    def test_counters(self):
        k = self.key('n')
        self.assertEqual(self.r.incr(k), 1)
        self.assertEqual(self.r.incrby(k, 10), 11)
        self.assertEqual(self.r.decr(k), 10)
        self.assertEqual(self.r.decrby(k, 4), 6)
        self.assertEqual(self.r.incrbyfloat(k, 0.5), 6.5)
        self.assertEqual(self.r.get(k), '6.5')
        f = self.key('f')
        self.r.set(f, '10.5')
        self.assertEqual(self.r.incrbyfloat(f, 0.1), 10.6)
        self.assertEqual(self.r.get(f), '10.6')
        s = self.key('text')
        self.r.set(s, 'abc')
        with self.assertRaisesRegex(redis.ResponseError, 'not an integer or out of range'):
            self.r.incr(s)
        self.r.set(s, str(2 ** 63 - 1))
        with self.assertRaisesRegex(redis.ResponseError, 'increment or decrement would overflow'):
            self.r.incr(s)

    def test_multi_key_and_ranges(self):
        a, b, c = self.key('a'), self.key('b'), self.key('c')
        self.assertIs(self.r.mset({a: '1', b: '2'}), True)
        self.assertEqual(self.r.mget(a, b, c), ['1', '2', None])
        self.assertIs(self.r.msetnx({b: 'x', c: 'y'}), False)
        self.assertIsNone(self.r.get(c))
        self.assertEqual(self.r.append(a, 'bcdef'), 6)
        self.assertEqual(self.r.strlen(a), 6)
        self.assertEqual(self.r.getrange(a, 1, 3), 'bcd')
        self.assertEqual(self.r.getrange(a, -2, -1), 'ef')
        self.assertEqual(self.r.getdel(b), '2')
        self.assertIsNone(self.r.get(b))
        self.assertEqual(self.r.getset(a, 'new'), '1bcdef')

    def test_bits_and_ranges(self):
        k, d = self.key('bits'), self.key('dest')
        self.assertEqual(self.r.setbit(k, 7, 1), 0)
        self.assertEqual(self.r.setbit(k, 7, 1), 1)
        self.assertEqual(self.r.getbit(k, 7), 1)
        self.assertEqual(self.r.getbit(k, 1000), 0)
        self.assertEqual(self.r.bitcount(k), 1)
        self.assertEqual(self.r.bitpos(k, 1), 7)
        self.assertEqual(self.r.bitop('NOT', d, k), 1)
        s = self.key('s')
        self.assertEqual(self.r.setrange(s, 3, 'abc'), 6)
        self.assertEqual(self.r.get(s), '\x00\x00\x00abc')
        self.assertEqual(self.r.getex(s, px=5000), '\x00\x00\x00abc')
        self.assertTrue(0 < self.r.pttl(s) <= 5000)
        self.assertEqual(self.r.getex(s, persist=True), '\x00\x00\x00abc')
        self.assertEqual(self.r.ttl(s), -1)

    def test_binary_values(self):
        raw = redis.Redis(host=HOST, port=PORT, socket_timeout=TIMEOUT)
        try:
            k = self.key('bin')
            value = bytes(range(256)) * 4
            raw.set(k, value)
            self.assertEqual(raw.get(k), value)
        finally:
            raw.close()

    def test_pipeline(self):
        k = self.key('p')
        pipe = self.r.pipeline(transaction=False)
        for i in range(1000):
            pipe.incr(k)
        results = pipe.execute()
        self.assertEqual(results, list(range(1, 1001)))


class KeysTest(RedisTestCase):
    def test_exists_type_delete(self):
        a, b = self.key('a'), self.key('b')
        self.r.set(a, '1')
        self.assertEqual(self.r.exists(a, b, a), 2)
        self.assertEqual(self.r.type(a), 'string')
        self.assertEqual(self.r.type(b), 'none')
        self.assertEqual(self.r.delete(a, b), 1)

    def test_expiry(self):
        k = self.key('e')
        self.r.set(k, 'v')
        self.assertEqual(self.r.ttl(k), -1)
        self.assertEqual(self.r.ttl(k + '-missing'), -2)
        self.assertIs(self.r.expire(k, 100), True)
        self.assertTrue(99 <= self.r.ttl(k) <= 100)
        self.assertTrue(99000 <= self.r.pttl(k) <= 100000)
        self.assertIs(self.r.expire(k, 50, gt=True), False)
        self.assertIs(self.r.expire(k, 50, lt=True), True)
        self.assertIs(self.r.persist(k), True)
        self.assertEqual(self.r.ttl(k), -1)
        self.r.pexpire(k, 150)
        self.assertTrue(poll(lambda: self.r.get(k) is None), 'the key did not expire')

    def test_keys_glob(self):
        prefix = f'e2e-glob-{uuid.uuid4().hex[:8]}'
        names = [f'{prefix}:a1', f'{prefix}:a2', f'{prefix}:b1']
        self.keys.extend(names)
        for n in names:
            self.r.set(n, 'x')
        self.assertEqual(sorted(self.r.keys(f'{prefix}:a*')), names[:2])
        self.assertEqual(sorted(self.r.keys(f'{prefix}:?1')), [names[0], names[2]])
        self.assertEqual(sorted(self.r.keys(f'{prefix}:[ab]2')), [names[1]])

    def test_scan_randomkey_move(self):
        prefix = f'e2e-scan-{uuid.uuid4().hex[:8]}'
        names = [f'{prefix}:{i}' for i in range(50)]
        self.keys.extend(names)
        for n in names:
            self.r.set(n, 'x')
        lst = self.key('list')
        self.r.rpush(lst, 'a')
        self.assertEqual(sorted(self.r.scan_iter(match=f'{prefix}:*', count=7)), sorted(names))
        self.assertIn(lst, list(self.r.scan_iter(_type='list')))
        self.assertIsNotNone(self.r.randomkey())
        self.assertIs(self.r.move(names[0], 7), True)
        self.assertIsNone(self.r.get(names[0]))
        other = redis.Redis(host=HOST, port=PORT, db=7, socket_timeout=TIMEOUT, decode_responses=True)
        try:
            self.assertEqual(other.get(names[0]), 'x')
            other.delete(names[0])
        finally:
            other.close()

    def test_rename(self):
        a, b = self.key('a'), self.key('b')
        self.r.set(a, 'v', ex=100)
        self.assertIs(self.r.rename(a, b), True)
        self.assertIsNone(self.r.get(a))
        self.assertEqual(self.r.get(b), 'v')
        self.assertTrue(99 <= self.r.ttl(b) <= 100)
        with self.assertRaisesRegex(redis.ResponseError, 'no such key'):
            self.r.rename(a, b)


class HashesTest(RedisTestCase):
    def test_fields(self):
        h = self.key('h')
        self.assertEqual(self.r.hset(h, mapping={'a': '1', 'b': '2'}), 2)
        self.assertEqual(self.r.hset(h, 'a', 'one'), 0)
        self.assertEqual(self.r.hget(h, 'a'), 'one')
        self.assertIsNone(self.r.hget(h, 'zz'))
        self.assertEqual(self.r.hmget(h, ['a', 'zz', 'b']), ['one', None, '2'])
        self.assertEqual(self.r.hgetall(h), {'a': 'one', 'b': '2'})
        self.assertEqual(self.r.hkeys(h), ['a', 'b'])
        self.assertEqual(self.r.hvals(h), ['one', '2'])
        self.assertEqual(self.r.hlen(h), 2)
        self.assertIs(self.r.hexists(h, 'a'), True)
        self.assertEqual(self.r.hstrlen(h, 'a'), 3)
        self.assertEqual(self.r.hsetnx(h, 'a', 'x'), 0)
        self.assertEqual(self.r.hsetnx(h, 'c', 'x'), 1)
        self.assertEqual(self.r.type(h), 'hash')

    def test_counters_and_deletion(self):
        h = self.key('h')
        self.assertEqual(self.r.hincrby(h, 'n', 5), 5)
        self.assertEqual(self.r.hincrby(h, 'n', -7), -2)
        self.assertEqual(self.r.hincrbyfloat(h, 'f', 2.5), 2.5)
        self.r.hset(h, 's', 'text')
        with self.assertRaisesRegex(redis.ResponseError, 'hash value is not an integer'):
            self.r.hincrby(h, 's', 1)
        self.assertEqual(self.r.hdel(h, 'n', 'f', 's', 'zz'), 3)
        self.assertEqual(self.r.exists(h), 0, 'a hash without fields is gone')

    def test_wrong_type(self):
        h, s = self.key('h'), self.key('s')
        self.r.hset(h, 'a', '1')
        self.r.set(s, 'v')
        with self.assertRaisesRegex(redis.ResponseError, 'WRONGTYPE'):
            self.r.get(h)
        with self.assertRaisesRegex(redis.ResponseError, 'WRONGTYPE'):
            self.r.hget(s, 'a')

    def test_hscan_match(self):
        h = self.key('h')
        self.r.hset(h, mapping={f'order_{i}': str(i) for i in range(100)} | {'other': 'x'})
        found = dict(self.r.hscan_iter(h, match='order_*', count=10))
        self.assertEqual(len(found), 100)
        self.assertNotIn('other', found)


class ListsTest(RedisTestCase):
    def test_push_pop_range(self):
        k = self.key('l')
        self.assertEqual(self.r.rpush(k, 'b', 'c'), 2)
        self.assertEqual(self.r.lpush(k, 'a'), 3)
        self.assertEqual(self.r.lrange(k, 0, -1), ['a', 'b', 'c'])
        self.assertEqual(self.r.lrange(k, -2, 10), ['b', 'c'])
        self.assertEqual(self.r.llen(k), 3)
        self.assertEqual(self.r.lindex(k, -1), 'c')
        self.assertEqual(self.r.lpop(k), 'a')
        self.assertEqual(self.r.rpop(k), 'c')
        self.assertEqual(self.r.rpop(k), 'b')
        self.assertIsNone(self.r.rpop(k))
        self.assertEqual(self.r.exists(k), 0, 'an empty list is gone')
        self.assertEqual(self.r.lpushx(k, 'x'), 0)

    def test_edit_in_place(self):
        k = self.key('l')
        self.r.rpush(k, 'a', 'b', 'c', 'a', 'd', 'a')
        self.assertEqual(self.r.lpos(k, 'a', rank=-1, count=0), [5, 3, 0])
        self.assertEqual(self.r.lrem(k, -2, 'a'), 2)
        self.assertEqual(self.r.lrange(k, 0, -1), ['a', 'b', 'c', 'd'])
        self.assertEqual(self.r.linsert(k, 'before', 'c', 'X'), 5)
        self.assertIs(self.r.lset(k, 0, 'A'), True)
        self.assertIs(self.r.ltrim(k, 0, 2), True)
        self.assertEqual(self.r.lrange(k, 0, -1), ['A', 'b', 'X'])
        with self.assertRaisesRegex(redis.ResponseError, 'index out of range'):
            self.r.lset(k, 10, 'x')

    def test_move_between_lists(self):
        a, b = self.key('a'), self.key('b')
        self.r.rpush(a, '1', '2', '3')
        self.assertEqual(self.r.lmove(a, b, 'LEFT', 'RIGHT'), '1')
        self.assertEqual(self.r.rpoplpush(a, b), '3')
        self.assertEqual(self.r.lrange(b, 0, -1), ['3', '1'])

    def test_many_pushes_stay_fast(self):
        k = self.key('big')
        pipe = self.r.pipeline(transaction=False)
        for i in range(20000):
            pipe.lpush(k, i)
        pipe.execute()
        self.assertEqual(self.r.llen(k), 20000)
        self.assertEqual(self.r.lindex(k, 0), '19999')
        self.assertEqual(self.r.lindex(k, -1), '0')


class SetsTest(RedisTestCase):
    def test_members(self):
        k = self.key('s')
        self.assertEqual(self.r.sadd(k, 'a', 'b', 'c', 'a'), 3)
        self.assertEqual(self.r.smembers(k), {'a', 'b', 'c'})
        self.assertEqual(self.r.scard(k), 3)
        self.assertIs(self.r.sismember(k, 'a'), True)
        self.assertEqual(self.r.smismember(k, ['a', 'z']), [1, 0])
        self.assertEqual(self.r.srem(k, 'a', 'z'), 1)
        self.assertIn(self.r.srandmember(k), {'b', 'c'})
        self.assertEqual(len(self.r.srandmember(k, -5)), 5)
        self.assertEqual(set(self.r.srandmember(k, 5)), {'b', 'c'})
        popped = self.r.spop(k, 5)
        self.assertEqual(set(popped), {'b', 'c'})
        self.assertEqual(self.r.exists(k), 0, 'an empty set is gone')
        self.assertEqual(self.r.type(self.key('none')), 'none')

    def test_algebra(self):
        a, b, dest = self.key('a'), self.key('b'), self.key('d')
        self.r.sadd(a, 'x', 'y', 'z')
        self.r.sadd(b, 'y', 'z', 'w')
        self.assertEqual(self.r.sinter(a, b), {'y', 'z'})
        self.assertEqual(self.r.sunion(a, b), {'w', 'x', 'y', 'z'})
        self.assertEqual(self.r.sdiff(a, b), {'x'})
        self.assertEqual(self.r.sinterstore(dest, a, b), 2)
        self.assertEqual(self.r.smembers(dest), {'y', 'z'})
        self.assertEqual(self.r.execute_command('SINTERCARD', 2, a, b, 'LIMIT', 1), 1)
        self.assertIs(self.r.smove(a, b, 'x'), True)
        self.assertEqual(self.r.smembers(b), {'w', 'x', 'y', 'z'})


class SortedSetsTest(RedisTestCase):
    def test_scores_and_ranges(self):
        z = self.key('z')
        self.assertEqual(self.r.zadd(z, {'a': 1, 'b': 2, 'c': 3.14}), 3)
        self.assertEqual(self.r.zrange(z, 0, -1, withscores=True), [('a', 1.0), ('b', 2.0), ('c', 3.14)])
        self.assertEqual(self.r.zrevrange(z, 0, 0), ['c'])
        self.assertEqual(self.r.zrangebyscore(z, '(1', '+inf', start=0, num=1), ['b'])
        self.assertEqual(self.r.zcount(z, '-inf', '(3'), 2)
        self.assertEqual(self.r.zscore(z, 'c'), 3.14)
        self.assertEqual(self.r.zrank(z, 'c'), 2)
        self.assertEqual(self.r.zrevrank(z, 'c'), 0)
        self.assertEqual(self.r.zincrby(z, 10, 'a'), 11.0)
        self.assertEqual(self.r.zadd(z, {'b': 0}, xx=True, ch=True, gt=True), 0)
        self.assertEqual(self.r.zadd(z, {'b': 5}, xx=True, ch=True, gt=True), 1)
        self.assertEqual(self.r.zcard(z), 3)
        self.assertEqual(self.r.zpopmin(z), [('c', 3.14)])
        self.assertEqual(self.r.zrem(z, 'a', 'nope'), 1)
        self.assertEqual(self.r.type(z), 'zset')

    def test_union_and_intersection(self):
        a, b, d = self.key('a'), self.key('b'), self.key('d')
        self.r.zadd(a, {'x': 1, 'y': 2})
        self.r.zadd(b, {'y': 10, 'z': 20})
        self.assertEqual(self.r.zunionstore(d, {a: 1, b: 2}), 3)
        self.assertEqual(self.r.zrange(d, 0, -1, withscores=True), [('x', 1.0), ('y', 22.0), ('z', 40.0)])
        self.assertEqual(self.r.zinterstore(d, [a, b], aggregate='MAX'), 1)
        self.assertEqual(self.r.zrange(d, 0, -1, withscores=True), [('y', 10.0)])


class PubSubTest(RedisTestCase):
    def next_message(self, pubsub):
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            message = pubsub.get_message(timeout=0.1)
            if message is not None:
                return message
        self.fail('no message within 3 s')

    def test_channels_and_patterns(self):
        tag = uuid.uuid4().hex[:8]
        channel = f'news.{tag}'
        sub, psub = self.r.pubsub(), self.r.pubsub()
        try:
            self.assertEqual(self.r.publish(channel, 'nobody'), 0)
            sub.subscribe(channel)
            self.assertEqual(self.next_message(sub)['type'], 'subscribe')
            psub.psubscribe(f'news.*{tag}')
            self.assertEqual(self.next_message(psub)['type'], 'psubscribe')
            self.assertEqual(self.r.publish(channel, 'hello'), 2)
            self.assertEqual(self.next_message(sub)['data'], 'hello')
            message = self.next_message(psub)
            self.assertEqual((message['type'], message['channel'], message['data']), ('pmessage', channel, 'hello'))
            self.assertEqual(self.r.pubsub_numsub(channel), [(channel, 1)])
            self.assertIn(channel, self.r.pubsub_channels(f'*{tag}'))
            sub.unsubscribe(channel)
            self.assertEqual(self.next_message(sub)['type'], 'unsubscribe')
            self.assertEqual(self.r.publish(channel, 'again'), 1)
        finally:
            sub.close()
            psub.close()


class TransactionsTest(RedisTestCase):
    def test_multi_exec(self):
        k = self.key('t')
        pipe = self.r.pipeline(transaction=True)
        pipe.set(k, 1).incr(k).incrby(k, 10)
        self.assertEqual(pipe.execute(), [True, 2, 12])

    def test_watch_detects_a_concurrent_change(self):
        k = self.key('balance')
        self.r.set(k, 100)
        other = redis.Redis(host=HOST, port=PORT, socket_timeout=TIMEOUT, decode_responses=True)
        try:
            with self.r.pipeline() as pipe:
                pipe.watch(k)
                other.incrby(k, 5)  # another client changes the watched key
                pipe.multi()
                pipe.decrby(k, 30)
                with self.assertRaises(redis.WatchError):
                    pipe.execute()
            self.assertEqual(self.r.get(k), '105')
        finally:
            other.close()

    def test_errors_while_queuing_abort(self):
        with socket.create_connection((HOST, PORT), timeout=TIMEOUT) as s:
            s.sendall(b'MULTI\r\nNOSUCH\r\nEXEC\r\n')
            data = b''
            while b'EXECABORT' not in data:
                data += s.recv(4096)
            self.assertTrue(data.startswith(b'+OK\r\n-ERR unknown command'), data)


class BlockingPopsTest(RedisTestCase):
    def test_timeout_with_sub_second_precision(self):
        q = self.key('q')
        started = time.monotonic()
        self.assertIsNone(self.r.blpop(q, timeout=0.3))
        took = time.monotonic() - started
        self.assertTrue(0.25 <= took < 1.5, f'took {took:.2f} s')

    def test_woken_by_a_push_from_another_connection(self):
        q = self.key('q')
        pusher = redis.Redis(host=HOST, port=PORT, socket_timeout=TIMEOUT, decode_responses=True)
        try:
            import threading
            timer = threading.Timer(0.2, lambda: pusher.rpush(q, 'job'))
            timer.start()
            started = time.monotonic()
            self.assertEqual(self.r.blpop(q, timeout=3), (q, 'job'))
            self.assertLess(time.monotonic() - started, 2)
            timer.join()
        finally:
            pusher.close()

    def test_the_longest_waiter_is_served_first_and_commands_behind_it_wait(self):
        q = self.key('q')
        with socket.create_connection((HOST, PORT), timeout=TIMEOUT) as first, \
                socket.create_connection((HOST, PORT), timeout=TIMEOUT) as second:
            first.sendall(f'BLPOP {q} 5\r\nPING\r\n'.encode())
            time.sleep(0.1)  # first parks before second
            second.sendall(f'BLPOP {q} 5\r\n'.encode())
            time.sleep(0.1)
            self.r.rpush(q, 'one')
            data = b''
            while not data.endswith(b'+PONG\r\n'):
                data += first.recv(4096)
            self.assertEqual(data, f'*2\r\n${len(q)}\r\n{q}\r\n$3\r\none\r\n+PONG\r\n'.encode())
            self.r.rpush(q, 'two')
            data = b''
            while not data.endswith(b'two\r\n'):
                data += second.recv(4096)
            self.assertTrue(data.endswith(b'$3\r\ntwo\r\n'), data)


class SharedWithMemcachedTest(RedisTestCase):
    def setUp(self):
        super().setUp()
        self.mc = memcache.Client([MEMCACHED_ADDR], socket_timeout=TIMEOUT)

    def tearDown(self):
        self.mc.disconnect_all()
        super().tearDown()

    def test_memcached_items_are_redis_strings(self):
        k = self.key('mc')
        self.assertTrue(self.mc.set(k, 'from-memcached', time=100))
        self.assertEqual(self.r.get(k), 'from-memcached')
        self.assertTrue(99 <= self.r.ttl(k) <= 100)
        k2 = self.key('resp')
        self.r.set(k2, 'from-redis')
        self.assertEqual(self.mc.get(k2), b'from-redis')  # flags 0: python-memcached hands back bytes
        h = self.key('hash')
        self.r.hset(h, 'f', 'v')
        self.assertIsNone(self.mc.get(h), 'memcached sees a hash as a miss')


class RedisCliTest(unittest.TestCase):
    def cli(self, *args):
        return subprocess.run(['redis-cli', '-h', HOST, '-p', str(PORT), *args],
                              capture_output=True, text=True, timeout=TIMEOUT).stdout.strip()

    def test_redis_cli(self):
        k = f'e2e-cli-{uuid.uuid4().hex[:10]}'
        self.assertEqual(self.cli('PING'), 'PONG')
        self.assertEqual(self.cli('SET', k, 'hello'), 'OK')
        self.assertEqual(self.cli('GET', k), 'hello')
        self.assertEqual(self.cli('DEL', k), '1')

    def test_inline_command_over_a_socket(self):
        with socket.create_connection((HOST, PORT), timeout=TIMEOUT) as s:
            s.sendall(b'PING\r\nECHO "hi there"\r\n')
            data = b''
            while data.count(b'\r\n') < 3:
                data += s.recv(4096)
            self.assertEqual(data, b'+PONG\r\n$8\r\nhi there\r\n')


if __name__ == '__main__':
    unittest.main()
