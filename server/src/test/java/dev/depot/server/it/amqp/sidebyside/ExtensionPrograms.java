package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.util.List;
import java.util.Map;

/**
 * Methods and features outside the everyday core that RabbitMQ still answers: channel.flow
 * (only active=true nowadays) and 0-8's access.request.
 */
final class ExtensionPrograms {
    private ExtensionPrograms() {
    }

    static List<Program> all() {
        return List.of(
                Program.of("extensions: channel.flow", ExtensionPrograms::channelFlow),
                Program.of("extensions: access.request", ExtensionPrograms::accessRequest));
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

    private static void accessRequest(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel ch = run.channel(conn);
        request(run, ch, new AMQP.Access.Request.Builder().realm("/data").build());
        request(run, ch, new AMQP.Access.Request.Builder().realm("/other").exclusive(true).passive(false)
                .active(false).write(false).read(false).build());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        run.publish(ch, "", q, "after access.request");
        run.get(ch, q, true);
    }

    private static void request(ProgramRun run, Channel ch, AMQP.Access.Request request) throws Exception {
        AMQP.Access.RequestOk ok = (AMQP.Access.RequestOk) ch.rpc(request).getMethod();
        run.note(run.label(ch) + " access.request realm=" + Describe.quote(request.getRealm()) + " -> request-ok ticket="
                + ok.getTicket());
    }
}
