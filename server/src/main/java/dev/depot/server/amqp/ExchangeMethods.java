package dev.depot.server.amqp;

import dev.depot.protocol.amqp.method.ExchangeMethod;
import dev.depot.storage.broker.exchange.ExchangeSettings;
import dev.depot.storage.broker.exchange.ExchangeType;

/** Class 40, exchange: declare, delete, bind and unbind, with RabbitMQ's order of checks. */
final class ExchangeMethods {
    private ExchangeMethods() {
    }

    static void execute(AmqpChannel channel, ExchangeMethod method) {
        if (method instanceof ExchangeMethod.Declare declare) {
            declare(channel, declare);
        } else if (method instanceof ExchangeMethod.Delete delete) {
                channel.permissions().requireConfigure(ResourceKinds.EXCHANGE, delete.exchange());
                channel.vhost().deleteExchange(delete.exchange(), delete.ifUnused());
                channel.reply(new ExchangeMethod.DeleteOk(), delete.noWait());
        } else if (method instanceof ExchangeMethod.Bind bind) {
                channel.permissions().requireWrite(ResourceKinds.EXCHANGE, bind.destination());
                channel.permissions().requireRead(ResourceKinds.EXCHANGE, bind.source());
                channel.vhost().bindExchange(bind.destination(), bind.source(), bind.routingKey(),
                        FieldValueBridge.toBroker(bind.arguments()));
                channel.reply(new ExchangeMethod.BindOk(), bind.noWait());
        } else if (method instanceof ExchangeMethod.Unbind unbind) {
                channel.permissions().requireWrite(ResourceKinds.EXCHANGE, unbind.destination());
                channel.permissions().requireRead(ResourceKinds.EXCHANGE, unbind.source());
                channel.vhost().unbindExchange(unbind.destination(), unbind.source(), unbind.routingKey(),
                        FieldValueBridge.toBroker(unbind.arguments()));
                channel.reply(new ExchangeMethod.UnbindOk(), unbind.noWait());
        } else {
            throw AmqpChannel.unexpected(method);
        }
    }

    private static void declare(AmqpChannel channel, ExchangeMethod.Declare declare) {
        if (declare.passive()) {
            channel.vhost().checkExchange(declare.exchange());
        } else {
            ExchangeType type = ExchangeType.parse(declare.type());
            channel.permissions().requireConfigure(ResourceKinds.EXCHANGE, declare.exchange());
            channel.vhost().declareExchange(declare.exchange(), new ExchangeSettings(type, declare.durable(),
                    declare.autoDelete(), declare.internal(), FieldValueBridge.toBroker(declare.arguments())));
        }
        channel.reply(new ExchangeMethod.DeclareOk(), declare.noWait());
    }
}
