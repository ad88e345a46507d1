package dev.depot.server.amqp;

import dev.depot.protocol.amqp.Command;
import dev.depot.protocol.amqp.ContentAssembler;
import dev.depot.protocol.amqp.ContentBodyFrame;
import dev.depot.protocol.amqp.Frame;
import dev.depot.protocol.amqp.FrameWriter;
import dev.depot.protocol.amqp.MethodFrame;
import dev.depot.protocol.amqp.content.BasicProperty;
import dev.depot.protocol.amqp.content.PropertyBytes;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.method.AccessMethod;
import dev.depot.protocol.amqp.method.BasicMethod;
import dev.depot.protocol.amqp.method.ChannelMethod;
import dev.depot.protocol.amqp.method.ConfirmMethod;
import dev.depot.protocol.amqp.method.ExchangeMethod;
import dev.depot.protocol.amqp.method.Method;
import dev.depot.protocol.amqp.method.QueueMethod;
import dev.depot.protocol.amqp.method.TxMethod;
import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.MessageProperties;
import dev.depot.storage.broker.queue.Delivery;
import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.queue.Settlement;
import dev.depot.storage.broker.vhost.PublishResult;
import dev.depot.storage.broker.vhost.VirtualHost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open channel: it runs the exchange, queue, basic, confirm and tx methods against the
 * broker model, keeps the delivery tags of what it handed out, and closes itself (channel.close)
 * on a channel exception. Runs on its connection's event loop; its consumers' credit checks come
 * from queue threads and read only volatile or atomic fields.
 */
final class AmqpChannel {
    private static final int NO_CLASS = 0;

    private enum State { OPEN, CLOSING }

    private final AmqpConnection connection;
    private final int number;
    private final ContentAssembler assembler;
    private final Map<String, ChannelConsumer> consumers = new LinkedHashMap<>();
    private final DeliveryTags tags = new DeliveryTags();
    private final PublisherConfirms confirms;
    private final AtomicInteger channelUnacked = new AtomicInteger();
    private volatile State state = State.OPEN;
    /** basic.qos global=true: unacked deliveries allowed on the whole channel; 0 for no limit. */
    private volatile int channelPrefetch;
    /** basic.qos global=false: the prefetch of consumers created from now on. */
    private int consumerPrefetch;
    /** The queue named by the last queue.declare, for methods that leave the queue name empty. */
    private String lastQueue;
    /** Work held back by tx.select until tx.commit; null outside a transaction. */
    private Transaction transaction;
    /** The consumer of amq.rabbitmq.reply-to (direct reply-to), or null. */
    private DirectReplyTo.ReplyConsumer replyConsumer;

    /**
     * The exchange this channel last published to, write permission granted. Permissions are
     * fixed while the server runs; RabbitMQ's channels cache their checks the same way.
     */
    private String writableExchange;

    AmqpChannel(AmqpConnection connection, int number) {
        this.connection = connection;
        this.number = number;
        this.assembler = new ContentAssembler(connection.service().settings().maxMessageSize());
        this.confirms = new PublisherConfirms(connection, number);
    }

    AmqpConnection connection() {
        return connection;
    }

    // ---- frames in --------------------------------------------------------------------------

    void receive(Frame frame) {
        if (state == State.CLOSING) {
            // after channel.close the peer's frames are dropped until its close-ok
            if (frame instanceof MethodFrame m && m.method() instanceof ChannelMethod.CloseOk) {
                connection.channelClosed(number);
            } else if (frame instanceof MethodFrame m && m.method() instanceof ChannelMethod.Close) {
                connection.write(number, new ChannelMethod.CloseOk());
            } else if (frame instanceof ContentBodyFrame body) {
                body.release();
            }
            return;
        }
        Command command;
        try {
            command = assembler.accept(frame);
        } catch (AmqpException e) {
            fail(e);
            return;
        }
        if (command == null) {
            return;
        }
        Method method = command.method();
        try {
            execute(method, command);
        } catch (BrokerException e) {
            fail(translate(e, method));
        } catch (AmqpException e) {
            fail(e.classId() == NO_CLASS ? e.causedBy(method.classId(), method.methodId()) : e);
        }
    }

    private static AmqpException translate(BrokerException e, Method cause) {
        String detail = e.replyText().substring(e.code().name().length() + 3);
        return new AmqpException(ReplyCode.valueOf(e.code().name()), detail, cause.classId(), cause.methodId());
    }

    /** A channel exception closes this channel; a connection exception goes to the connection. */
    private void fail(AmqpException e) {
        if (e.closesConnection()) {
            throw e;
        }
        release();
        connection.write(number, ChannelMethod.Close.of(e));
        state = State.CLOSING;
    }

    private void execute(Method method, Command command) {
        if (method instanceof BasicMethod.Publish publish) {
            publish(publish, command);
        } else if (method instanceof BasicMethod.Ack ack) {
            settle(ack.deliveryTag(), ack.multiple(), Settlement.ACK, method);
        } else if (method instanceof BasicMethod.Nack nack) {
            settle(nack.deliveryTag(), nack.multiple(), nack.requeue() ? Settlement.REQUEUE : Settlement.REJECT, method);
        } else if (method instanceof BasicMethod.Reject reject) {
            settle(reject.deliveryTag(), false, reject.requeue() ? Settlement.REQUEUE : Settlement.REJECT, method);
        } else if (method instanceof BasicMethod.Consume consume) {
            consume(consume);
        } else if (method instanceof BasicMethod.Cancel cancel) {
            cancel(cancel);
        } else if (method instanceof BasicMethod.Get get) {
            get(get);
        } else if (method instanceof BasicMethod.Qos qos) {
            qos(qos);
        } else if (method instanceof BasicMethod.Recover recover) {
            recover(recover.requeue(), method);
            connection.write(number, new BasicMethod.RecoverOk());
        } else if (method instanceof BasicMethod.RecoverAsync recover) {
            recover(recover.requeue(), method);
        } else if (method instanceof ExchangeMethod exchange) {
            ExchangeMethods.execute(this, exchange);
        } else if (method instanceof QueueMethod queue) {
            QueueMethods.execute(this, queue);
        } else if (method instanceof ConfirmMethod.Select select) {
            confirmSelect(select);
        } else if (method instanceof TxMethod tx) {
            transaction(tx);
        } else if (method instanceof ChannelMethod.Close) {
            release();
            connection.write(number, new ChannelMethod.CloseOk());
            connection.channelClosed(number);
        } else if (method instanceof ChannelMethod.CloseOk) {
            connection.channelClosed(number);
        } else if (method instanceof ChannelMethod.Flow flow) {
            // RabbitMQ no longer lets a client pause deliveries: active=false closes the connection
            if (!flow.active()) {
                throw new AmqpException(ReplyCode.NOT_IMPLEMENTED, "active=false", method.classId(),
                        method.methodId());
            }
            connection.write(number, new ChannelMethod.FlowOk(true));
        } else if (method instanceof AccessMethod.Request) {
            // AMQP 0-8's access tickets, still answered by RabbitMQ: always ticket 1, nothing checked
            connection.write(number, new AccessMethod.RequestOk(1));
        } else if (method instanceof ChannelMethod.Open) {
            throw new AmqpException(ReplyCode.CHANNEL_ERROR, "second 'channel.open' seen", method.classId(),
                    method.methodId());
        } else {
            throw unexpected(method);
        }
    }

    static AmqpException unexpected(Method method) {
        return new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected method in channel: '"
                + method.kind().protocolName() + "'", method.classId(), method.methodId());
    }

    // ---- what the method classes share ------------------------------------------------------

    int number() {
        return number;
    }

    VirtualHost vhost() {
        return connection.vhost();
    }

    /** The queue a method names, the channel's last declared queue for "". */
    String queueName(String named, Method cause) {
        if (!named.isEmpty()) {
            return named;
        }
        if (lastQueue == null) {
            throw new AmqpException(ReplyCode.NOT_FOUND, "no previously declared queue", cause.classId(),
                    cause.methodId());
        }
        return lastQueue;
    }

    void declared(String queue) {
        lastQueue = queue;
    }

    void reply(Method method, boolean noWait) {
        if (!noWait) {
            connection.write(number, method);
        }
    }

    Permissions permissions() {
        return new Permissions(connection.service().access(), connection.user(), vhost().name());
    }

    // ---- publishing -------------------------------------------------------------------------

    private void publish(BasicMethod.Publish publish, Command command) {
        if (publish.immediate()) {
            throw new AmqpException(ReplyCode.NOT_IMPLEMENTED, "immediate=true", publish.classId(), publish.methodId());
        }
        if (!publish.exchange().equals(writableExchange)) {
            permissions().requireWrite(ResourceKinds.EXCHANGE, publish.exchange());
            writableExchange = publish.exchange();
        }
        // RabbitMQ's order: the exchange (404, 403), then user-id, then expiration (406, in view),
        // then CC and BCC (406, in stored)
        vhost().checkPublishable(publish.exchange());
        connection.published();
        var content = command.content();
        PropertyBytes properties = replyToRewritten(content.properties(), publish);
        requireOwnUserId(properties.userId(), publish);
        MessageProperties view = PropertyBridge.view(properties);
        Message message = new Message(connection.service().broker().nextMessageId(), publish.exchange(),
                publish.routingKey(), PropertyBridge.stored(properties, view), view, content.body());
        if (publish.exchange().isEmpty()) {
            // replies go out as the message is routed, in a transaction too, as in RabbitMQ
            directReplyTo().route(message);
        }
        if (transaction != null) {
            transaction.publish(publish, vhost().route(publish.exchange(), message));
            return;
        }
        long seq = confirms.next();
        // an unknown or internal exchange closes the channel: that publish gets no confirm
        published(publish, message, vhost().publish(publish.exchange(), message, connection.backpressure()), seq);
    }

    /**
     * A request naming amq.rabbitmq.reply-to goes out with this channel's reply address instead
     * (the property list re-encoded, every other property kept byte for byte); 406 when the
     * channel has no reply consumer. Any other message is left as it is.
     */
    private PropertyBytes replyToRewritten(PropertyBytes properties, BasicMethod.Publish publish) {
        if (!properties.has(BasicProperty.REPLY_TO) || !DirectReplyTo.QUEUE.equals(properties.replyTo())) {
            return properties;
        }
        if (replyConsumer == null) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "fast reply consumer does not exist",
                    publish.classId(), publish.methodId());
        }
        return properties.withReplyTo(replyConsumer.address());
    }

    /** A message may carry a user-id only if it is the connection's user (no impersonation here). */
    private void requireOwnUserId(String userId, BasicMethod.Publish publish) {
        if (userId != null && !userId.equals(connection.user().name())) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "user_id property set to '" + userId
                    + "' but authenticated user was '" + connection.user().name() + "'", publish.classId(),
                    publish.methodId());
        }
    }

    /** basic.return and the confirm of a delivered message; {@code seq} is 0 outside confirm mode. */
    private void published(BasicMethod.Publish publish, Message message, PublishResult result, long seq) {
        if (result == PublishResult.UNROUTABLE && publish.mandatory()) {
            FrameWriter.method(connection.buffer(), number, new BasicMethod.Return(ReplyCode.NO_ROUTE.code(),
                    "NO_ROUTE", publish.exchange(), publish.routingKey()));
            writeContent(message);
        }
        confirms.settled(seq, result != PublishResult.REJECTED);
    }

    private void writeContent(Message message) {
        FrameWriter.contentHeader(connection.buffer(), number, message.bodySize(), message.properties());
        for (byte[] chunk : message.body()) {
            FrameWriter.contentBody(connection.buffer(), number, chunk, connection.frameMax());
        }
    }

    private void confirmSelect(ConfirmMethod.Select select) {
        if (transaction != null) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "cannot switch from tx to confirm mode",
                    select.classId(), select.methodId());
        }
        confirms.enable();
        reply(new ConfirmMethod.SelectOk(), select.noWait());
    }

    /** The end of a read batch: publisher confirms go out as one multiple ack. */
    void endOfBatch() {
        if (state == State.OPEN) {
            confirms.flush();
        }
    }

    // ---- transactions -----------------------------------------------------------------------

    private void transaction(TxMethod tx) {
        if (tx instanceof TxMethod.Select) {
            if (confirms.enabled()) {
                throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "cannot switch from confirm to tx mode",
                        tx.classId(), tx.methodId());
            }
            if (transaction == null) {
                transaction = new Transaction();
            }
            connection.write(number, new TxMethod.SelectOk());
        } else if (tx instanceof TxMethod.Commit) {
            requireTransaction(tx);
            Transaction done = transaction;
            transaction = new Transaction();
            for (Transaction.Publish p : done.publishes()) {
                published(p.method(), p.message().message(), p.message().deliver(connection.backpressure()), 0);
            }
            for (Transaction.Settle s : done.settlements()) {
                finish(s.deliveries(), s.how());
            }
            connection.write(number, new TxMethod.CommitOk());
        } else if (tx instanceof TxMethod.Rollback) {
            requireTransaction(tx);
            Transaction undone = transaction;
            transaction = new Transaction();
            for (Transaction.Settle s : undone.settlements()) {
                tags.restore(s.deliveries());
            }
            connection.write(number, new TxMethod.RollbackOk());
        } else {
            throw unexpected(tx);
        }
    }

    private void requireTransaction(TxMethod tx) {
        if (transaction == null) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "channel is not transactional",
                    tx.classId(), tx.methodId());
        }
    }

    // ---- consuming --------------------------------------------------------------------------

    private void consume(BasicMethod.Consume consume) {
        if (DirectReplyTo.QUEUE.equals(consume.queue())) {
            consumeReplies(consume);
            return;
        }
        String queueName = queueName(consume.queue(), consume);
        permissions().requireRead(ResourceKinds.QUEUE, queueName);
        String tag = consume.consumerTag().isEmpty() ? ConsumerTags.generate() : consume.consumerTag();
        if (consumers.containsKey(tag)) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "attempt to reuse consumer tag '" + tag + "'",
                    consume.classId(), consume.methodId());
        }
        MessageQueue queue = vhost().queue(queueName, connection);
        var options = dev.depot.storage.broker.queue.ConsumerOptions.of(consume.exclusive(), consume.noAck(),
                FieldValueBridge.toBroker(consume.arguments()), queue.name());
        ChannelConsumer consumer = new ChannelConsumer(this, tag, consume.noAck(), consumerPrefetch);
        consumers.put(tag, consumer);
        try {
            // deliveries it triggers reach the socket after consume-ok: they pass through runOnLoop
            consumer.subscribed(queue.subscribe(consumer, options));
        } catch (BrokerException e) {
            consumers.remove(tag);
            throw e;
        }
        connection.consuming();
        reply(new BasicMethod.ConsumeOk(tag), consume.noWait());
    }

    /**
     * basic.consume of amq.rabbitmq.reply-to: this channel's one reply consumer, which must not
     * acknowledge. As in RabbitMQ it is not among the channel's queue consumers: only their tags
     * clash with its tag, exclusive and the arguments are ignored, and no permission is needed.
     */
    private void consumeReplies(BasicMethod.Consume consume) {
        String tag = consume.consumerTag();
        if (consumers.containsKey(tag)) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "attempt to reuse consumer tag '" + tag + "'",
                    consume.classId(), consume.methodId());
        }
        if (!consume.noAck()) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "reply consumer cannot acknowledge",
                    consume.classId(), consume.methodId());
        }
        if (replyConsumer != null) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "reply consumer already set",
                    consume.classId(), consume.methodId());
        }
        replyConsumer = directReplyTo().register(this, tag.isEmpty() ? ConsumerTags.generate() : tag);
        reply(new BasicMethod.ConsumeOk(replyConsumer.tag()), consume.noWait());
    }

    /** Whether a consumer of this channel is subscribed (its connection must keep reading acks). */
    boolean consumes() {
        return !consumers.isEmpty();
    }

    private void cancel(BasicMethod.Cancel cancel) {
        if (replyConsumer != null && replyConsumer.tag().equals(cancel.consumerTag())) {
            // looked at first, as in RabbitMQ: a queue consumer with the same tag stays
            directReplyTo().unregister(replyConsumer);
            replyConsumer = null;
            reply(new BasicMethod.CancelOk(cancel.consumerTag()), cancel.noWait());
            return;
        }
        ChannelConsumer consumer = consumers.remove(cancel.consumerTag());
        if (consumer != null) {
            consumer.cancel();
        }
        reply(new BasicMethod.CancelOk(cancel.consumerTag()), cancel.noWait());
    }

    /** The queue went away under {@code consumer} (on the loop). */
    void cancelledByBroker(ChannelConsumer consumer) {
        if (state == State.OPEN && consumers.remove(consumer.tag()) != null && connection.consumerCancelNotify()) {
            connection.write(number, new BasicMethod.Cancel(consumer.tag(), true));
        }
    }

    private void get(BasicMethod.Get get) {
        String queueName = queueName(get.queue(), get);
        permissions().requireRead(ResourceKinds.QUEUE, queueName);
        MessageQueue queue = vhost().queue(queueName, connection);
        var result = queue.get(get.noAck());
        if (result == null) {
            connection.write(number, new BasicMethod.GetEmpty());
            return;
        }
        Delivery delivery = result.delivery();
        long tag = tags.next();
        if (!get.noAck()) {
            // basic.get neither needs nor takes prefetch credit, as in RabbitMQ: consumers of a
            // channel with a global prefetch are not held up by messages it got
            tags.handedOut(tag, delivery, null);
        }
        Message message = delivery.message();
        FrameWriter.method(connection.buffer(), number, new BasicMethod.GetOk(tag, delivery.redelivered(),
                message.exchange(), message.routingKey(), result.messageCount()));
        writeContent(message);
    }

    private void qos(BasicMethod.Qos qos) {
        if (qos.prefetchSize() != 0) {
            throw new AmqpException(ReplyCode.NOT_IMPLEMENTED, "prefetch_size!=0 (" + qos.prefetchSize() + ")",
                    qos.classId(), qos.methodId());
        }
        if (qos.global()) {
            channelPrefetch = qos.prefetchCount();
            resumeDeliveries();
        } else {
            consumerPrefetch = qos.prefetchCount();
        }
        connection.write(number, new BasicMethod.QosOk());
    }

    /** A delivery for {@code consumer}, on the loop: give it a tag and write it. */
    void deliver(ChannelConsumer consumer, Delivery delivery) {
        if (state != State.OPEN || (consumer.cancelled() && !consumer.autoAck())) {
            // the channel is gone or the consumer cancelled: the message goes back to its queue
            if (!consumer.autoAck()) {
                consumer.settled();
                channelUnacked.decrementAndGet();
                delivery.settle(Settlement.REQUEUE);
            }
            return;
        }
        long tag = tags.next();
        if (!consumer.autoAck()) {
            tags.handedOut(tag, delivery, consumer);
        }
        Message message = delivery.message();
        connection.deliveryEncoder().deliver(connection.buffer(), number, consumer.encodedTag(), tag,
                delivery.redelivered(), message.exchange(), message.routingKey(), message.properties(),
                message.bodySize(), message.body(), connection.frameMax());
    }

    /**
     * A reply for this channel's reply consumer (on the loop), unless the consumer has gone. It
     * bypasses credit and takes no delivery tag: as RabbitMQ 3.10 does, it carries the tag the
     * next delivery will get.
     */
    void deliverReply(DirectReplyTo.ReplyConsumer consumer, Message message) {
        if (state != State.OPEN || replyConsumer != consumer) {
            return;
        }
        FrameWriter.method(connection.buffer(), number, new BasicMethod.Deliver(consumer.tag(), tags.upcoming(),
                false, message.exchange(), message.routingKey()));
        writeContent(message);
    }

    DirectReplyTo directReplyTo() {
        return connection.service().directReplyTo();
    }

    // ---- acknowledgements -------------------------------------------------------------------

    private void settle(long tag, boolean multiple, Settlement how, Method cause) {
        List<DeliveryTags.HandedOut> done = tags.take(tag, multiple);
        if (done == null) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "unknown delivery tag " + tag,
                    cause.classId(), cause.methodId());
        }
        if (transaction != null) {
            transaction.settle(done, how);
            return;
        }
        finish(done, how);
    }

    /** Ends deliveries: their credit first, so that the queues' dispatch after settling can use it. */
    private void finish(List<DeliveryTags.HandedOut> done, Settlement how) {
        if (done.isEmpty()) {
            return;
        }
        boolean channelWasFull = channelPrefetch > 0 && channelUnacked.get() >= channelPrefetch;
        List<Delivery> deliveries = new ArrayList<>(done.size());
        for (DeliveryTags.HandedOut h : done) {
            if (h.consumer() != null) { // a consumer's delivery, not basic.get's: its credit comes back
                h.consumer().settled();
                channelUnacked.decrementAndGet();
            }
            deliveries.add(h.delivery());
        }
        if (deliveries.size() == 1) {
            deliveries.get(0).settle(how);
        } else {
            MessageQueue.settleAll(deliveries, how);
        }
        if (channelWasFull) {
            resumeDeliveries();
        }
    }

    /** basic.recover: every unacknowledged delivery back to its queue; RabbitMQ cannot redeliver in place (540). */
    private void recover(boolean requeue, Method method) {
        if (!requeue) {
            throw new AmqpException(ReplyCode.NOT_IMPLEMENTED, "requeue=false", method.classId(), method.methodId());
        }
        finish(tags.takeAll(), Settlement.REQUEUE);
    }

    // ---- credit -----------------------------------------------------------------------------

    /** Whether deliveries may flow on this channel now (any thread). */
    boolean mayDeliver() {
        return state == State.OPEN && connection.writable();
    }

    /** Takes one unit of the channel's global prefetch, if any is left (any thread). */
    boolean reserveChannelCredit() {
        int limit = channelPrefetch;
        while (true) {
            int current = channelUnacked.get();
            if (limit > 0 && current >= limit) {
                return false;
            }
            if (channelUnacked.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Credit came back (socket writable, qos raised): every consumer's queue looks again. */
    void resumeDeliveries() {
        for (ChannelConsumer consumer : new ArrayList<>(consumers.values())) {
            if (consumer.subscription() != null) {
                consumer.subscription().queue().dispatch();
            }
        }
    }

    // ---- closing ----------------------------------------------------------------------------

    /** Requeues what was unacknowledged, in order, and cancels the consumers (channel or connection closing). */
    void release() {
        assembler.reset();
        state = State.CLOSING; // from here on the queues find no credit on this channel
        transaction = null;
        // Requeued before the consumers go, as RabbitMQ does: the next single active consumer
        // (or any other) then gets them in queue order, ahead of what was waiting behind them.
        finish(tags.takeAll(), Settlement.REQUEUE);
        for (ChannelConsumer consumer : consumers.values()) {
            consumer.cancel();
        }
        consumers.clear();
        if (replyConsumer != null) {
            directReplyTo().unregister(replyConsumer);
            replyConsumer = null;
        }
    }
}
