package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.util.List;
import java.util.Map;

/**
 * Methods and features outside the everyday core that RabbitMQ still answers: channel.flow
 * (only active=true nowadays).
 */
final class ExtensionPrograms {
    private ExtensionPrograms() {
    }

    static List<Program> all() {
        return List.of(
                Program.of("extensions: channel.flow", ExtensionPrograms::channelFlow));
    }

    private static AMQP.Channel.Flow flow(boolean active) {
        return new AMQP.Channel.Flow.Builder().active(active).build();
    }

    private static void channelFlow(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel ch = run.channel(conn);
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        AMQP.Channel.FlowOk ok = (AMQP.Channel.FlowOk) ch.rpc(flow(true)).getMethod();
        run.note("ch1 channel.flow active=true -> flow-ok active=" + ok.getActive());
        RecordingConsumer c = run.consume(ch, q, true);
        run.publish(ch, "", q, "delivered after flow active=true");
        c.await(1);
        Channel other = run.channel(conn);
        run.attempt("ch2 channel.flow active=false", () -> other.rpc(flow(false)));
        run.awaitClosed(conn);
    }
}
