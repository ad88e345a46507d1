"""End-to-end: the stock pika client (BlockingConnection) against Depot's AMQP 0-9-1 listener.

Covers the common pika usage: publishing and consuming, basic_get, publisher confirms with
mandatory, every exchange type, prefetch, nack and requeue, RPC over reply_to/correlation_id
(with a reply queue and with direct reply-to), exclusive queues, and broker errors surfacing as pika's exceptions with RabbitMQ's codes and
texts. Expectations are what pika sees against RabbitMQ 3.10 (AMQP_PORT of a real RabbitMQ
runs the same file against it). Needs AMQP_HOST/AMQP_PORT; scripts/test sets them.
"""
import logging
import os
import threading
import time
import unittest
import uuid

import pika
from pika.exceptions import (ChannelClosedByBroker, ConnectionClosedByBroker, ProbableAccessDeniedError,
                             ProbableAuthenticationError, UnroutableError)

HOST = os.environ.get('AMQP_HOST', '127.0.0.1')
PORT = int(os.environ.get('AMQP_PORT', '5672'))
TIMEOUT = 5

logging.getLogger('pika').setLevel(logging.CRITICAL)  # the broker errors below are expected


def params(**kwargs):
    kwargs.setdefault('credentials', pika.PlainCredentials('guest', 'guest'))
    return pika.ConnectionParameters(HOST, PORT, connection_attempts=1, socket_timeout=TIMEOUT,
                                     blocked_connection_timeout=TIMEOUT, **kwargs)


class AmqpTestCase(unittest.TestCase):
    def setUp(self):
        self.conn = pika.BlockingConnection(params())
        self.ch = self.conn.channel()
        self.queues = []
        self.exchanges = []
        self.others = []

    def tearDown(self):
        for c in self.others:
            if c.is_open:
                c.close()
        if self.conn.is_open:
            self.conn.close()
        if not (self.queues or self.exchanges):
            return
        cleaner = pika.BlockingConnection(params())
        try:
            for q in self.queues:
                cleaner.channel().queue_delete(q)
            for x in self.exchanges:
                cleaner.channel().exchange_delete(x)
        finally:
            cleaner.close()

    def connect(self):
        c = pika.BlockingConnection(params())
        self.others.append(c)
        return c

    def queue(self, base, declare=True, **kwargs):
        name = f'e2e-{base}-{uuid.uuid4().hex[:10]}'
        self.queues.append(name)
        if declare:
            self.ch.queue_declare(name, **kwargs)
        return name

    def exchange(self, base, exchange_type):
        name = f'e2e-x-{base}-{uuid.uuid4().hex[:10]}'
        self.exchanges.append(name)
        self.ch.exchange_declare(name, exchange_type=exchange_type)
        return name

    def drain(self, queue):
        """The bodies in queue, in order, taken with auto-ack."""
        bodies = []
        while True:
            method, _, body = self.ch.basic_get(queue, auto_ack=True)
            if method is None:
                return bodies
            bodies.append(body.decode())

    def ready(self, queue):
        return self.ch.queue_declare(queue, passive=True).method.message_count

    def consume(self, ch, queue, n, auto_ack=True):
        """The next n deliveries on ch from queue, as (method, properties, body)."""
        got = []
        for method, props, body in ch.consume(queue, auto_ack=auto_ack, inactivity_timeout=TIMEOUT):
            self.assertIsNotNone(method, f'only {len(got)} of {n} deliveries within {TIMEOUT} s')
            got.append((method, props, body))
            if len(got) == n:
                break
        return got


class PublishConsumeTest(AmqpTestCase):
    def test_publish_and_consume(self):
        q = self.queue('pc')
        for i in range(5):
            self.ch.basic_publish('', q, f'm{i}'.encode(),
                                  pika.BasicProperties(content_type='text/plain', headers={'n': i}))
        got = self.consume(self.ch, q, 5)
        self.assertEqual([b.decode() for _, _, b in got], [f'm{i}' for i in range(5)])
        self.assertEqual([p.headers['n'] for _, p, _ in got], list(range(5)))
        self.assertEqual(got[0][1].content_type, 'text/plain')
        self.assertEqual(got[0][0].routing_key, q)
        self.assertFalse(got[0][0].redelivered)
        self.ch.cancel()

    def test_basic_consume_callback_and_start_consuming(self):
        q = self.queue('callback')
        bodies = []

        def on_message(ch, method, properties, body):
            bodies.append(body.decode())
            ch.basic_ack(method.delivery_tag)
            if len(bodies) == 3:
                ch.stop_consuming()

        self.ch.basic_consume(q, on_message)
        for i in range(3):
            self.ch.basic_publish('', q, f'c{i}'.encode())
        self.conn.call_later(TIMEOUT, self.ch.stop_consuming)  # a deadline, should the messages not come
        self.ch.start_consuming()
        self.assertEqual(bodies, ['c0', 'c1', 'c2'])
        self.assertEqual(self.ready(q), 0)

    def test_basic_get(self):
        q = self.queue('get')
        self.assertEqual(self.ch.basic_get(q), (None, None, None))
        self.ch.basic_publish('', q, b'one')
        self.ch.basic_publish('', q, b'two')
        method, props, body = self.ch.basic_get(q)
        self.assertEqual(body, b'one')
        self.assertEqual(method.message_count, 1)
        self.assertEqual(method.delivery_tag, 1)
        self.ch.basic_ack(method.delivery_tag)
        self.assertEqual(self.drain(q), ['two'])

    def test_large_message(self):
        q = self.queue('large')
        body = os.urandom(3 * 131072 + 17)  # several frames
        self.ch.basic_publish('', q, body)
        self.assertEqual(self.ch.basic_get(q, auto_ack=True)[2], body)


class ConfirmTest(AmqpTestCase):
    def test_confirmed_publishes_and_unroutable_mandatory(self):
        q = self.queue('confirm')
        self.ch.confirm_delivery()
        for i in range(10):
            self.ch.basic_publish('', q, f'm{i}'.encode())  # raises unless acked
        with self.assertRaises(UnroutableError) as caught:
            self.ch.basic_publish('amq.direct', 'e2e-nobody-binds-this', b'lost', mandatory=True)
        returned = caught.exception.messages[0]
        self.assertEqual(returned.method.reply_code, 312)
        self.assertEqual(returned.method.reply_text, 'NO_ROUTE')
        self.assertEqual(returned.body, b'lost')
        self.ch.basic_publish('amq.direct', 'e2e-nobody-binds-this', b'not mandatory: just dropped')
        self.assertEqual(self.ready(q), 10)


class ExchangeTypesTest(AmqpTestCase):
    def test_direct(self):
        x = self.exchange('direct', 'direct')
        a, b = self.queue('direct-a'), self.queue('direct-b')
        self.ch.queue_bind(a, x, 'red')
        self.ch.queue_bind(b, x, 'red')
        self.ch.queue_bind(b, x, 'blue')
        for key in ('red', 'blue', 'green'):
            self.ch.basic_publish(x, key, key.encode())
        self.assertEqual(self.drain(a), ['red'])
        self.assertEqual(self.drain(b), ['red', 'blue'])

    def test_fanout(self):
        x = self.exchange('fanout', 'fanout')
        qs = [self.queue(f'fanout-{i}') for i in range(3)]
        for q in qs:
            self.ch.queue_bind(q, x)
        self.ch.basic_publish(x, 'any-key', b'all')
        for q in qs:
            self.assertEqual(self.drain(q), ['all'])

    def test_topic(self):
        x = self.exchange('topic', 'topic')
        star, hash_ = self.queue('topic-star'), self.queue('topic-hash')
        self.ch.queue_bind(star, x, '*.orange.*')
        self.ch.queue_bind(hash_, x, 'lazy.#')
        for key in ('quick.orange.rabbit', 'lazy.orange.elephant', 'lazy', 'quick.orange.male.rabbit'):
            self.ch.basic_publish(x, key, key.encode())
        self.assertEqual(self.drain(star), ['quick.orange.rabbit', 'lazy.orange.elephant'])
        self.assertEqual(self.drain(hash_), ['lazy.orange.elephant', 'lazy'])

    def test_headers(self):
        x = self.exchange('headers', 'headers')
        all_, any_ = self.queue('headers-all'), self.queue('headers-any')
        self.ch.queue_bind(all_, x, arguments={'x-match': 'all', 'format': 'pdf', 'type': 'report'})
        self.ch.queue_bind(any_, x, arguments={'x-match': 'any', 'format': 'pdf', 'type': 'log'})
        for body, headers in (('both', {'format': 'pdf', 'type': 'report'}), ('log', {'type': 'log'}),
                              ('none', {'format': 'zip'})):
            self.ch.basic_publish(x, '', body.encode(), pika.BasicProperties(headers=headers))
        self.assertEqual(self.drain(all_), ['both'])
        self.assertEqual(self.drain(any_), ['both', 'log'])


class AcknowledgementTest(AmqpTestCase):
    def test_prefetch_bounds_unacknowledged_deliveries(self):
        q = self.queue('prefetch')
        for i in range(5):
            self.ch.basic_publish('', q, f'm{i}'.encode())
        consumer = self.connect().channel()
        consumer.basic_qos(prefetch_count=2)
        got = self.consume(consumer, q, 2, auto_ack=False)
        self.assertEqual(self.ready(q), 3)  # two unacknowledged, nothing more sent
        consumer.basic_ack(got[1][0].delivery_tag, multiple=True)
        self.consume(consumer, q, 2, auto_ack=False)
        self.assertEqual(self.ready(q), 1)

    def test_nack_requeue_redelivers_in_place(self):
        q = self.queue('nack')
        for i in range(3):
            self.ch.basic_publish('', q, f'm{i}'.encode())
        self.ch.basic_get(q)
        second, _, _ = self.ch.basic_get(q)
        self.ch.basic_nack(second.delivery_tag, multiple=True, requeue=True)  # m0 and m1 go back in place
        got = []
        while True:
            method, _, body = self.ch.basic_get(q, auto_ack=True)
            if method is None:
                break
            got.append((body.decode(), method.redelivered))
        self.assertEqual(got, [('m0', True), ('m1', True), ('m2', False)])

    def test_reject_without_requeue_dead_letters(self):
        dead = self.queue('dead')
        q = self.queue('rejecting', arguments={'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': dead})
        self.ch.basic_publish('', q, b'bad')
        method, _, _ = self.ch.basic_get(q)
        self.ch.basic_reject(method.delivery_tag, requeue=False)
        method, props, body = self.consume(self.ch, dead, 1)[0]
        self.assertEqual(body, b'bad')
        death = props.headers['x-death'][0]
        self.assertEqual((death['reason'], death['queue'], death['count']), ('rejected', q, 1))
        self.ch.cancel()


def rpc_server(queue, ready, stop):
    """Answers each request on queue with its body reversed, to its reply_to, with its correlation_id."""
    conn = pika.BlockingConnection(params())
    ch = conn.channel()

    def on_request(ch, method, props, body):
        ch.basic_publish('', props.reply_to, body[::-1],
                         pika.BasicProperties(correlation_id=props.correlation_id))
        ch.basic_ack(method.delivery_tag)

    ch.basic_qos(prefetch_count=1)
    ch.basic_consume(queue, on_request)
    ready.set()
    while not stop.is_set():
        conn.process_data_events(time_limit=0.1)
    conn.close()


class RpcTest(AmqpTestCase):
    def test_request_reply_with_correlation_id(self):
        requests = self.queue('rpc')
        ready, stop = threading.Event(), threading.Event()
        server = threading.Thread(target=rpc_server, args=(requests, ready, stop), daemon=True)
        server.start()
        try:
            self.assertTrue(ready.wait(TIMEOUT))
            replies = self.ch.queue_declare('', exclusive=True).method.queue
            answers = {}

            def on_reply(ch, method, props, body):
                answers[props.correlation_id] = body.decode()

            self.ch.basic_consume(replies, on_reply, auto_ack=True)
            asked = {}
            for word in ('alpha', 'beta', 'gamma'):
                cid = str(uuid.uuid4())
                asked[cid] = word
                self.ch.basic_publish('', requests, word.encode(),
                                      pika.BasicProperties(reply_to=replies, correlation_id=cid))
            deadline = time.monotonic() + TIMEOUT
            while len(answers) < 3 and time.monotonic() < deadline:
                self.conn.process_data_events(time_limit=0.1)
            self.assertEqual(answers, {cid: word[::-1] for cid, word in asked.items()})
        finally:
            stop.set()
            server.join(TIMEOUT)


class DirectReplyToTest(AmqpTestCase):
    """RPC without a reply queue: consume from the pseudo-queue amq.rabbitmq.reply-to."""
    REPLY_TO = 'amq.rabbitmq.reply-to'

    def test_request_reply(self):
        requests = self.queue('direct-rpc')
        ready, stop = threading.Event(), threading.Event()
        server = threading.Thread(target=rpc_server, args=(requests, ready, stop), daemon=True)
        server.start()
        try:
            self.assertTrue(ready.wait(TIMEOUT))
            answers = {}

            def on_reply(ch, method, props, body):
                answers[props.correlation_id] = (body.decode(), method.exchange, method.routing_key)

            self.ch.basic_consume(self.REPLY_TO, on_reply, auto_ack=True)
            asked = {}
            for word in ('alpha', 'beta', 'gamma'):
                cid = str(uuid.uuid4())
                asked[cid] = word
                self.ch.basic_publish('', requests, word.encode(),
                                      pika.BasicProperties(reply_to=self.REPLY_TO, correlation_id=cid))
            deadline = time.monotonic() + TIMEOUT
            while len(answers) < 3 and time.monotonic() < deadline:
                self.conn.process_data_events(time_limit=0.1)
            self.assertEqual({cid: body for cid, (body, _, _) in answers.items()},
                             {cid: word[::-1] for cid, word in asked.items()})
            addresses = {key for _, exchange, key in answers.values() if exchange == ''}
            self.assertEqual(len(addresses), 1, answers)
            address = addresses.pop()
            self.assertTrue(address.startswith(self.REPLY_TO + '.'), address)
            # the address exists for queue.declare, from another connection, while its consumer lives
            declared = self.connect().channel().queue_declare(address, passive=True).method
            self.assertEqual((declared.message_count, declared.consumer_count), (0, 1))
        finally:
            stop.set()
            server.join(TIMEOUT)

    def test_the_address_is_rewritten_into_the_request(self):
        q = self.queue('direct-request')
        self.ch.basic_consume(self.REPLY_TO, lambda *args: None, auto_ack=True)
        self.ch.basic_publish('', q, b'request', pika.BasicProperties(reply_to=self.REPLY_TO, correlation_id='c',
                                                                      content_type='text/plain'))
        _, props, body = self.ch.basic_get(q, auto_ack=True)
        self.assertTrue(props.reply_to.startswith(self.REPLY_TO + '.'), props.reply_to)
        self.assertEqual((props.correlation_id, props.content_type, body), ('c', 'text/plain', b'request'))

    def test_a_mandatory_reply_is_delivered_and_also_returned(self):
        q = self.queue('direct-mandatory')
        got = []
        self.ch.basic_consume(self.REPLY_TO, lambda ch, method, props, body: got.append(body), auto_ack=True)
        self.ch.basic_publish('', q, b'request', pika.BasicProperties(reply_to=self.REPLY_TO))
        address = self.ch.basic_get(q, auto_ack=True)[1].reply_to
        server = self.connect().channel()
        server.confirm_delivery()
        # RabbitMQ 3.10 never counts a reply as routed
        with self.assertRaises(UnroutableError) as caught:
            server.basic_publish('', address, b'reply', mandatory=True)
        self.assertEqual(caught.exception.messages[0].method.reply_code, 312)
        deadline = time.monotonic() + TIMEOUT
        while not got and time.monotonic() < deadline:
            self.conn.process_data_events(time_limit=0.1)
        self.assertEqual(got, [b'reply'])

    def test_errors(self):
        with self.assertRaises(ChannelClosedByBroker) as caught:
            self.ch.basic_consume(self.REPLY_TO, lambda *args: None, auto_ack=False)
        self.assertEqual((caught.exception.reply_code, caught.exception.reply_text),
                         (406, 'PRECONDITION_FAILED - reply consumer cannot acknowledge'))
        q = self.queue('direct-errors', declare=False)
        ch = self.conn.channel()
        ch.queue_declare(q)
        ch.basic_publish('', q, b'request', pika.BasicProperties(reply_to=self.REPLY_TO))
        with self.assertRaises(ChannelClosedByBroker) as caught:
            ch.queue_declare(q, passive=True)
        self.assertEqual((caught.exception.reply_code, caught.exception.reply_text),
                         (406, 'PRECONDITION_FAILED - fast reply consumer does not exist'))
        ch = self.conn.channel()
        with self.assertRaises(ChannelClosedByBroker) as caught:
            ch.queue_declare(self.REPLY_TO + '.nobody', passive=True)
        self.assertEqual((caught.exception.reply_code, caught.exception.reply_text),
                         (404, "NOT_FOUND - no queue 'amq.rabbitmq.reply-to.nobody' in vhost '/'"))
        self.assertEqual(self.conn.channel().queue_declare(self.REPLY_TO, passive=True).method.consumer_count, 1)


class ExclusiveQueueTest(AmqpTestCase):
    def test_exclusive_queue_belongs_to_its_connection(self):
        owner = self.connect()
        q = self.queue('exclusive', declare=False)
        owner.channel().queue_declare(q, exclusive=True)
        with self.assertRaises(ChannelClosedByBroker) as caught:
            self.ch.queue_declare(q, passive=True)
        self.assertEqual(caught.exception.reply_code, 405)
        self.assertIn(f"cannot obtain exclusive access to locked queue '{q}'", caught.exception.reply_text)
        owner.close()
        ch = self.conn.channel()
        with self.assertRaises(ChannelClosedByBroker) as caught:
            ch.queue_declare(q, passive=True)
        self.assertEqual(caught.exception.reply_code, 404)

    def test_server_named_queue(self):
        result = self.ch.queue_declare('', exclusive=True)
        self.assertTrue(result.method.queue.startswith('amq.gen-'), result.method.queue)
        self.ch.basic_publish('', result.method.queue, b'to myself')
        self.assertEqual(self.drain(result.method.queue), ['to myself'])


class BrokerErrorTest(AmqpTestCase):
    def test_channel_errors(self):
        x = self.exchange('typed', 'direct')
        missing = self.queue('missing', declare=False)
        with self.assertRaises(ChannelClosedByBroker) as caught:
            self.ch.queue_declare(missing, passive=True)
        self.assertEqual((caught.exception.reply_code, caught.exception.reply_text),
                         (404, f"NOT_FOUND - no queue '{missing}' in vhost '/'"))
        self.assertTrue(self.conn.is_open)
        ch = self.conn.channel()
        with self.assertRaises(ChannelClosedByBroker) as caught:
            ch.exchange_declare(x, exchange_type='fanout')
        self.assertEqual(caught.exception.reply_code, 406)
        ch = self.conn.channel()
        with self.assertRaises(ChannelClosedByBroker) as caught:
            ch.exchange_declare('amq.e2e', exchange_type='direct')
        self.assertEqual(caught.exception.reply_code, 403)

    def test_connection_errors(self):
        with self.assertRaises(ConnectionClosedByBroker) as caught:
            self.ch.exchange_declare('e2e-bad-type', exchange_type='no-such-type')
        self.assertEqual((caught.exception.reply_code, caught.exception.reply_text),
                         (503, "COMMAND_INVALID - unknown exchange type 'no-such-type'"))
        self.assertFalse(self.conn.is_open)

    def test_bad_login(self):
        with self.assertRaises(ProbableAuthenticationError) as caught:
            pika.BlockingConnection(params(credentials=pika.PlainCredentials('guest', 'wrong')))
        self.assertIn('ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN', str(caught.exception))

    def test_unknown_vhost(self):
        with self.assertRaises(ProbableAccessDeniedError) as caught:
            pika.BlockingConnection(params(virtual_host='e2e-no-such-vhost'))
        self.assertIn('(530)', str(caught.exception))
        self.assertIn('NOT_ALLOWED - vhost e2e-no-such-vhost not found', str(caught.exception))


if __name__ == '__main__':
    unittest.main()
