package dev.depot.server.amqp;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.method.QueueMethod;
import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.vhost.DeclareOk;
import dev.depot.storage.broker.vhost.QueueDeclaration;

/**
 * Class 50, queue: declare, bind, unbind, purge and delete. An empty queue name means the
 * channel's last declared queue (except for a passive declare, which looks for a queue named
 * "", as RabbitMQ does), and queue.bind with both names empty binds it by its name.
 */
final class QueueMethods {
    private QueueMethods() {
    }

    static void execute(AmqpChannel channel, QueueMethod method) {
        if (method instanceof QueueMethod.Declare declare) {
            declare(channel, declare);
        } else if (method instanceof QueueMethod.Bind bind) {
                String queue = channel.queueName(bind.queue(), bind);
                String key = bind.queue().isEmpty() && bind.routingKey().isEmpty() ? queue : bind.routingKey();
                channel.permissions().requireWrite(ResourceKinds.QUEUE, queue);
                channel.permissions().requireRead(ResourceKinds.EXCHANGE, bind.exchange());
                channel.vhost().bindQueue(queue, bind.exchange(), key, FieldValueBridge.toBroker(bind.arguments()),
                        channel.connection());
                channel.reply(new QueueMethod.BindOk(), bind.noWait());
        } else if (method instanceof QueueMethod.Unbind unbind) {
                String queue = channel.queueName(unbind.queue(), unbind);
                channel.permissions().requireWrite(ResourceKinds.QUEUE, queue);
                channel.permissions().requireRead(ResourceKinds.EXCHANGE, unbind.exchange());
                channel.vhost().unbindQueue(queue, unbind.exchange(), unbind.routingKey(),
                        FieldValueBridge.toBroker(unbind.arguments()));
                channel.reply(new QueueMethod.UnbindOk(), false);
        } else if (method instanceof QueueMethod.Purge purge) {
                String queue = channel.queueName(purge.queue(), purge);
                channel.permissions().requireRead(ResourceKinds.QUEUE, queue);
                int purged = channel.vhost().purgeQueue(queue, channel.connection());
                channel.reply(new QueueMethod.PurgeOk(purged), purge.noWait());
        } else if (method instanceof QueueMethod.Delete delete) {
                String queue = channel.queueName(delete.queue(), delete);
                channel.permissions().requireConfigure(ResourceKinds.QUEUE, queue);
                int deleted = channel.vhost().deleteQueue(queue, delete.ifUnused(), delete.ifEmpty(),
                        channel.connection());
                channel.reply(new QueueMethod.DeleteOk(deleted), delete.noWait());
        } else {
            throw AmqpChannel.unexpected(method);
        }
    }

    private static void declare(AmqpChannel channel, QueueMethod.Declare declare) {
        if (declare.queue().startsWith(DirectReplyTo.QUEUE)) {
            declareReplyTo(channel, declare);
            return;
        }
        DeclareOk ok;
        if (declare.passive()) {
            ok = channel.vhost().checkQueue(declare.queue(), channel.connection());
        } else {
            if (!declare.queue().isEmpty()) {
                channel.permissions().requireConfigure(ResourceKinds.QUEUE, declare.queue());
            }
            ok = channel.vhost().declareQueue(new QueueDeclaration(declare.queue(), declare.durable(),
                    declare.exclusive(), declare.autoDelete(), FieldValueBridge.toBroker(declare.arguments())),
                    channel.connection());
        }
        channel.declared(ok.queue());
        channel.reply(new QueueMethod.DeclareOk(ok.queue(), ok.messageCount(), ok.consumerCount()),
                declare.noWait());
    }

    /**
     * queue.declare, passive or not, of a name starting with amq.rabbitmq.reply-to, as RabbitMQ
     * 3.10 answers it whatever the other arguments and without permission checks: the
     * pseudo-queue itself and the address of a live reply consumer exist (no messages, one
     * consumer), any other such name is 404. A channel asking after its own reply address makes
     * RabbitMQ's channel process call itself and crash: the connection closes with a bare 541
     * INTERNAL_ERROR, and so it does here.
     */
    private static void declareReplyTo(AmqpChannel channel, QueueMethod.Declare declare) {
        String name = declare.queue();
        if (!name.equals(DirectReplyTo.QUEUE)) {
            DirectReplyTo.ReplyConsumer owner = channel.directReplyTo().find(name);
            if (owner == null) {
                throw BrokerException.notFound(ResourceName.queue(channel.vhost().name(), name));
            }
            if (owner.channel() == channel) {
                channel.connection().connectionError(new AmqpException(ReplyCode.INTERNAL_ERROR, null));
                return;
            }
        }
        channel.declared(name);
        channel.reply(new QueueMethod.DeclareOk(name, 0, 1), declare.noWait());
    }
}
