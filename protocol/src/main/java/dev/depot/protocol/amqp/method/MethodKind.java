package dev.depot.protocol.amqp.method;

import java.util.Locale;
import java.util.function.Function;

/**
 * Every method of AMQP 0-9-1 as RabbitMQ speaks it (with its extensions: exchange.bind/unbind,
 * basic.nack, confirm, connection.blocked/unblocked/update-secret, and 0-8's access class, which
 * it still answers): class id, method id,
 * whether content follows, and how to read its arguments. The method table of the protocol in
 * one place; {@link Methods#decode} looks methods up here.
 */
public enum MethodKind {
    CONNECTION_START(10, 10, ConnectionMethod.Start::read),
    CONNECTION_START_OK(10, 11, ConnectionMethod.StartOk::read),
    CONNECTION_SECURE(10, 20, ConnectionMethod.Secure::read),
    CONNECTION_SECURE_OK(10, 21, ConnectionMethod.SecureOk::read),
    CONNECTION_TUNE(10, 30, ConnectionMethod.Tune::read),
    CONNECTION_TUNE_OK(10, 31, ConnectionMethod.TuneOk::read),
    CONNECTION_OPEN(10, 40, ConnectionMethod.Open::read),
    CONNECTION_OPEN_OK(10, 41, ConnectionMethod.OpenOk::read),
    CONNECTION_CLOSE(10, 50, ConnectionMethod.Close::read),
    CONNECTION_CLOSE_OK(10, 51, ConnectionMethod.CloseOk::read),
    CONNECTION_BLOCKED(10, 60, ConnectionMethod.Blocked::read),
    CONNECTION_UNBLOCKED(10, 61, ConnectionMethod.Unblocked::read),
    CONNECTION_UPDATE_SECRET(10, 70, ConnectionMethod.UpdateSecret::read),
    CONNECTION_UPDATE_SECRET_OK(10, 71, ConnectionMethod.UpdateSecretOk::read),

    CHANNEL_OPEN(20, 10, ChannelMethod.Open::read),
    CHANNEL_OPEN_OK(20, 11, ChannelMethod.OpenOk::read),
    CHANNEL_FLOW(20, 20, ChannelMethod.Flow::read),
    CHANNEL_FLOW_OK(20, 21, ChannelMethod.FlowOk::read),
    CHANNEL_CLOSE(20, 40, ChannelMethod.Close::read),
    CHANNEL_CLOSE_OK(20, 41, ChannelMethod.CloseOk::read),

    ACCESS_REQUEST(30, 10, AccessMethod.Request::read),
    ACCESS_REQUEST_OK(30, 11, AccessMethod.RequestOk::read),

    EXCHANGE_DECLARE(40, 10, ExchangeMethod.Declare::read),
    EXCHANGE_DECLARE_OK(40, 11, ExchangeMethod.DeclareOk::read),
    EXCHANGE_DELETE(40, 20, ExchangeMethod.Delete::read),
    EXCHANGE_DELETE_OK(40, 21, ExchangeMethod.DeleteOk::read),
    EXCHANGE_BIND(40, 30, ExchangeMethod.Bind::read),
    EXCHANGE_BIND_OK(40, 31, ExchangeMethod.BindOk::read),
    EXCHANGE_UNBIND(40, 40, ExchangeMethod.Unbind::read),
    /** 51, not 41: RabbitMQ's numbering. */
    EXCHANGE_UNBIND_OK(40, 51, ExchangeMethod.UnbindOk::read),

    QUEUE_DECLARE(50, 10, QueueMethod.Declare::read),
    QUEUE_DECLARE_OK(50, 11, QueueMethod.DeclareOk::read),
    QUEUE_BIND(50, 20, QueueMethod.Bind::read),
    QUEUE_BIND_OK(50, 21, QueueMethod.BindOk::read),
    QUEUE_PURGE(50, 30, QueueMethod.Purge::read),
    QUEUE_PURGE_OK(50, 31, QueueMethod.PurgeOk::read),
    QUEUE_DELETE(50, 40, QueueMethod.Delete::read),
    QUEUE_DELETE_OK(50, 41, QueueMethod.DeleteOk::read),
    QUEUE_UNBIND(50, 50, QueueMethod.Unbind::read),
    QUEUE_UNBIND_OK(50, 51, QueueMethod.UnbindOk::read),

    BASIC_QOS(60, 10, BasicMethod.Qos::read),
    BASIC_QOS_OK(60, 11, BasicMethod.QosOk::read),
    BASIC_CONSUME(60, 20, BasicMethod.Consume::read),
    BASIC_CONSUME_OK(60, 21, BasicMethod.ConsumeOk::read),
    BASIC_CANCEL(60, 30, BasicMethod.Cancel::read),
    BASIC_CANCEL_OK(60, 31, BasicMethod.CancelOk::read),
    BASIC_PUBLISH(60, 40, Content.FOLLOWS, BasicMethod.Publish::read),
    BASIC_RETURN(60, 50, Content.FOLLOWS, BasicMethod.Return::read),
    BASIC_DELIVER(60, 60, Content.FOLLOWS, BasicMethod.Deliver::read),
    BASIC_GET(60, 70, BasicMethod.Get::read),
    BASIC_GET_OK(60, 71, Content.FOLLOWS, BasicMethod.GetOk::read),
    BASIC_GET_EMPTY(60, 72, BasicMethod.GetEmpty::read),
    BASIC_ACK(60, 80, BasicMethod.Ack::read),
    BASIC_REJECT(60, 90, BasicMethod.Reject::read),
    BASIC_RECOVER_ASYNC(60, 100, BasicMethod.RecoverAsync::read),
    BASIC_RECOVER(60, 110, BasicMethod.Recover::read),
    BASIC_RECOVER_OK(60, 111, BasicMethod.RecoverOk::read),
    BASIC_NACK(60, 120, BasicMethod.Nack::read),

    CONFIRM_SELECT(85, 10, ConfirmMethod.Select::read),
    CONFIRM_SELECT_OK(85, 11, ConfirmMethod.SelectOk::read),

    TX_SELECT(90, 10, TxMethod.Select::read),
    TX_SELECT_OK(90, 11, TxMethod.SelectOk::read),
    TX_COMMIT(90, 20, TxMethod.Commit::read),
    TX_COMMIT_OK(90, 21, TxMethod.CommitOk::read),
    TX_ROLLBACK(90, 30, TxMethod.Rollback::read),
    TX_ROLLBACK_OK(90, 31, TxMethod.RollbackOk::read);

    private enum Content { NONE, FOLLOWS }

    /** Class ids and method ids are small: a two-level array finds a method without hashing or boxing. */
    private static final MethodKind[][] BY_ID = new MethodKind[91][];

    static {
        for (MethodKind kind : values()) {
            MethodKind[] ofClass = BY_ID[kind.classId];
            if (ofClass == null || ofClass.length <= kind.methodId) {
                MethodKind[] grown = new MethodKind[kind.methodId + 1];
                if (ofClass != null) {
                    System.arraycopy(ofClass, 0, grown, 0, ofClass.length);
                }
                BY_ID[kind.classId] = ofClass = grown;
            }
            ofClass[kind.methodId] = kind;
        }
    }

    private final int classId;
    private final int methodId;
    private final boolean hasContent;
    private final Function<MethodReader, ? extends Method> reader;
    private final String protocolName;

    MethodKind(int classId, int methodId, Function<MethodReader, ? extends Method> reader) {
        this(classId, methodId, Content.NONE, reader);
    }

    MethodKind(int classId, int methodId, Content content, Function<MethodReader, ? extends Method> reader) {
        this.classId = classId;
        this.methodId = methodId;
        this.hasContent = content == Content.FOLLOWS;
        this.reader = reader;
        // CONNECTION_START_OK -> connection.start-ok
        String lower = name().toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('_');
        this.protocolName = lower.substring(0, dot) + '.' + lower.substring(dot + 1).replace('_', '-');
    }

    /** The method with these ids, or null if AMQP 0-9-1 has none. */
    public static MethodKind of(int classId, int methodId) {
        if (classId < 0 || classId >= BY_ID.length || BY_ID[classId] == null) {
            return null;
        }
        MethodKind[] ofClass = BY_ID[classId];
        return methodId >= 0 && methodId < ofClass.length ? ofClass[methodId] : null;
    }

    public int classId() {
        return classId;
    }

    public int methodId() {
        return methodId;
    }

    /** Whether a content header and body frames follow the method. */
    public boolean hasContent() {
        return hasContent;
    }

    /** The spec's name, e.g. "basic.publish", as RabbitMQ's error texts show it. */
    public String protocolName() {
        return protocolName;
    }

    Method read(MethodReader in) {
        return reader.apply(in);
    }
}
