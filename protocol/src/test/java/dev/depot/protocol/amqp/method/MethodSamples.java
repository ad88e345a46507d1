package dev.depot.protocol.amqp.method;

import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.LongStringHelper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of every method with non-trivial arguments (every bit set differently from its
 * neighbours, numbers at their limits, non-ASCII text, a table of every type the RabbitMQ Java
 * client can write), each paired with the same method built with that client.
 */
public final class MethodSamples {
    /** A method as Depot and as the RabbitMQ Java client represent it. */
    public record Pair(Method depot, com.rabbitmq.client.impl.Method javaClient) {
        @Override
        public String toString() {
            return depot.kind().protocolName();
        }
    }

    private MethodSamples() {
    }

    /** A table of every field type both Depot and the Java client write (LinkedHashMap: one order for both). */
    public static Map<String, Object> table() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("x-message-ttl", 60000);
        t.put("x-dead-letter-exchange", "dlx ü");
        t.put("long", 1L << 40);
        t.put("flag", true);
        t.put("byte", (byte) -5);
        t.put("short", (short) -300);
        t.put("float", 1.5f);
        t.put("double", -2.25);
        t.put("decimal", new BigDecimal("-3.14"));
        t.put("void", null);
        t.put("list", Arrays.asList(1, "two", false, null));
        t.put("nested", Map.of("k", "v"));
        return t;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static List<Pair> all() {
        // the Java client copies argument tables into HashMaps and writes them in that order
        Map<String, Object> t = new LinkedHashMap<>(new HashMap<>(table()));
        byte[] plain = bytes("\0guest\0guest");
        return List.of(
                new Pair(new ConnectionMethod.Start(0, 9, t, "PLAIN AMQPLAIN", "en_US"),
                        new AMQImpl.Connection.Start(0, 9, t, LongStringHelper.asLongString("PLAIN AMQPLAIN"),
                                LongStringHelper.asLongString("en_US"))),
                new Pair(new ConnectionMethod.StartOk(t, "PLAIN", plain, "en_US"),
                        new AMQImpl.Connection.StartOk(t, "PLAIN", LongStringHelper.asLongString(plain), "en_US")),
                new Pair(new ConnectionMethod.Secure(new byte[] {1, 0, -1}),
                        new AMQImpl.Connection.Secure(LongStringHelper.asLongString(new byte[] {1, 0, -1}))),
                new Pair(new ConnectionMethod.SecureOk(new byte[] {-2, 3}),
                        new AMQImpl.Connection.SecureOk(LongStringHelper.asLongString(new byte[] {-2, 3}))),
                new Pair(new ConnectionMethod.Tune(2047, 131072, 60), new AMQImpl.Connection.Tune(2047, 131072, 60)),
                new Pair(new ConnectionMethod.TuneOk(65535, 0xFFFF_FFFFL, 0), new AMQImpl.Connection.TuneOk(65535, -1, 0)),
                new Pair(new ConnectionMethod.Open("/vhost ü"), new AMQImpl.Connection.Open("/vhost ü", "", false)),
                new Pair(new ConnectionMethod.OpenOk(), new AMQImpl.Connection.OpenOk("")),
                new Pair(new ConnectionMethod.Close(320, "CONNECTION_FORCED - bye", 60, 40),
                        new AMQImpl.Connection.Close(320, "CONNECTION_FORCED - bye", 60, 40)),
                new Pair(new ConnectionMethod.CloseOk(), new AMQImpl.Connection.CloseOk()),
                new Pair(new ConnectionMethod.Blocked("low on memory"), new AMQImpl.Connection.Blocked("low on memory")),
                new Pair(new ConnectionMethod.Unblocked(), new AMQImpl.Connection.Unblocked()),
                new Pair(new ConnectionMethod.UpdateSecret(bytes("token"), "refresh"),
                        new AMQImpl.Connection.UpdateSecret(LongStringHelper.asLongString("token"), "refresh")),
                new Pair(new ConnectionMethod.UpdateSecretOk(), new AMQImpl.Connection.UpdateSecretOk()),

                new Pair(new ChannelMethod.Open(), new AMQImpl.Channel.Open("")),
                new Pair(new ChannelMethod.OpenOk(), new AMQImpl.Channel.OpenOk(LongStringHelper.asLongString(""))),
                new Pair(new ChannelMethod.Flow(true), new AMQImpl.Channel.Flow(true)),
                new Pair(new ChannelMethod.FlowOk(false), new AMQImpl.Channel.FlowOk(false)),
                new Pair(new ChannelMethod.Close(406, "PRECONDITION_FAILED - inequivalent arg", 50, 10),
                        new AMQImpl.Channel.Close(406, "PRECONDITION_FAILED - inequivalent arg", 50, 10)),
                new Pair(new ChannelMethod.CloseOk(), new AMQImpl.Channel.CloseOk()),

                new Pair(new AccessMethod.Request("/data ü", false, true, false, true, true),
                        new AMQImpl.Access.Request("/data ü", false, true, false, true, true)),
                new Pair(new AccessMethod.RequestOk(65535), new AMQImpl.Access.RequestOk(65535)),

                new Pair(new ExchangeMethod.Declare("logs", "topic", false, true, true, false, true, t),
                        new AMQImpl.Exchange.Declare(0, "logs", "topic", false, true, true, false, true, t)),
                new Pair(new ExchangeMethod.DeclareOk(), new AMQImpl.Exchange.DeclareOk()),
                new Pair(new ExchangeMethod.Delete("logs", true, false), new AMQImpl.Exchange.Delete(0, "logs", true, false)),
                new Pair(new ExchangeMethod.DeleteOk(), new AMQImpl.Exchange.DeleteOk()),
                new Pair(new ExchangeMethod.Bind("dst", "src", "a.#", true, t),
                        new AMQImpl.Exchange.Bind(0, "dst", "src", "a.#", true, t)),
                new Pair(new ExchangeMethod.BindOk(), new AMQImpl.Exchange.BindOk()),
                new Pair(new ExchangeMethod.Unbind("dst", "src", "a.*", false, Map.of()),
                        new AMQImpl.Exchange.Unbind(0, "dst", "src", "a.*", false, Map.of())),
                new Pair(new ExchangeMethod.UnbindOk(), new AMQImpl.Exchange.UnbindOk()),

                new Pair(new QueueMethod.Declare("tasks", false, true, false, true, false, t),
                        new AMQImpl.Queue.Declare(0, "tasks", false, true, false, true, false, t)),
                new Pair(new QueueMethod.DeclareOk("amq.gen-JzTY20BRgKO", 12345, 3),
                        new AMQImpl.Queue.DeclareOk("amq.gen-JzTY20BRgKO", 12345, 3)),
                new Pair(new QueueMethod.Bind("tasks", "amq.direct", "rk", false, t),
                        new AMQImpl.Queue.Bind(0, "tasks", "amq.direct", "rk", false, t)),
                new Pair(new QueueMethod.BindOk(), new AMQImpl.Queue.BindOk()),
                new Pair(new QueueMethod.Purge("tasks", true), new AMQImpl.Queue.Purge(0, "tasks", true)),
                new Pair(new QueueMethod.PurgeOk(4_000_000_000L), new AMQImpl.Queue.PurgeOk((int) 4_000_000_000L)),
                new Pair(new QueueMethod.Delete("tasks", true, false, true), new AMQImpl.Queue.Delete(0, "tasks", true, false, true)),
                new Pair(new QueueMethod.DeleteOk(7), new AMQImpl.Queue.DeleteOk(7)),
                new Pair(new QueueMethod.Unbind("tasks", "amq.direct", "rk", t),
                        new AMQImpl.Queue.Unbind(0, "tasks", "amq.direct", "rk", t)),
                new Pair(new QueueMethod.UnbindOk(), new AMQImpl.Queue.UnbindOk()),

                new Pair(new BasicMethod.Qos(0, 250, true), new AMQImpl.Basic.Qos(0, 250, true)),
                new Pair(new BasicMethod.QosOk(), new AMQImpl.Basic.QosOk()),
                new Pair(new BasicMethod.Consume("tasks", "ctag-1", false, true, true, false, t),
                        new AMQImpl.Basic.Consume(0, "tasks", "ctag-1", false, true, true, false, t)),
                new Pair(new BasicMethod.ConsumeOk("ctag-1"), new AMQImpl.Basic.ConsumeOk("ctag-1")),
                new Pair(new BasicMethod.Cancel("ctag-1", true), new AMQImpl.Basic.Cancel("ctag-1", true)),
                new Pair(new BasicMethod.CancelOk("ctag-1"), new AMQImpl.Basic.CancelOk("ctag-1")),
                new Pair(new BasicMethod.Publish("amq.topic", "a.b.c", true, false),
                        new AMQImpl.Basic.Publish(0, "amq.topic", "a.b.c", true, false)),
                new Pair(new BasicMethod.Return(312, "NO_ROUTE", "amq.topic", "a.b.c"),
                        new AMQImpl.Basic.Return(312, "NO_ROUTE", "amq.topic", "a.b.c")),
                new Pair(new BasicMethod.Deliver("ctag-1", Long.MAX_VALUE, true, "ex", "rk"),
                        new AMQImpl.Basic.Deliver("ctag-1", Long.MAX_VALUE, true, "ex", "rk")),
                new Pair(new BasicMethod.Get("tasks", true), new AMQImpl.Basic.Get(0, "tasks", true)),
                new Pair(new BasicMethod.GetOk(42, false, "", "tasks", 99), new AMQImpl.Basic.GetOk(42, false, "", "tasks", 99)),
                new Pair(new BasicMethod.GetEmpty(), new AMQImpl.Basic.GetEmpty("")),
                new Pair(new BasicMethod.Ack(1234567890123L, true), new AMQImpl.Basic.Ack(1234567890123L, true)),
                new Pair(new BasicMethod.Reject(5, false), new AMQImpl.Basic.Reject(5, false)),
                new Pair(new BasicMethod.RecoverAsync(true), new AMQImpl.Basic.RecoverAsync(true)),
                new Pair(new BasicMethod.Recover(false), new AMQImpl.Basic.Recover(false)),
                new Pair(new BasicMethod.RecoverOk(), new AMQImpl.Basic.RecoverOk()),
                new Pair(new BasicMethod.Nack(77, true, true), new AMQImpl.Basic.Nack(77, true, true)),

                new Pair(new ConfirmMethod.Select(true), new AMQImpl.Confirm.Select(true)),
                new Pair(new ConfirmMethod.SelectOk(), new AMQImpl.Confirm.SelectOk()),

                new Pair(new TxMethod.Select(), new AMQImpl.Tx.Select()),
                new Pair(new TxMethod.SelectOk(), new AMQImpl.Tx.SelectOk()),
                new Pair(new TxMethod.Commit(), new AMQImpl.Tx.Commit()),
                new Pair(new TxMethod.CommitOk(), new AMQImpl.Tx.CommitOk()),
                new Pair(new TxMethod.Rollback(), new AMQImpl.Tx.Rollback()),
                new Pair(new TxMethod.RollbackOk(), new AMQImpl.Tx.RollbackOk()));
    }
}
