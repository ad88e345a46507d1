package dev.depot.server.amqp;

import dev.depot.protocol.amqp.method.QueueMethod;
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
}
