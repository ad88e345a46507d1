package dev.depot.server.it.amqp.sidebyside;

/**
 * A client program: a small scenario, written once against the RabbitMQ Java client, that runs
 * against each broker and records what it observes through its {@link ProgramRun}.
 *
 * <p>A program records only what RabbitMQ defines, and RabbitMQ runs every queue and channel as
 * its own process. So:
 * <ul>
 *   <li>a publish is ordered only against later methods of the same channel that go through the
 *       queue in turn (basic.get, queue.purge, queue.delete); another channel's view of it is
 *       ordered only once the publish is confirmed;
 *   <li>queue.declare-ok counts (and so {@link ProgramRun#passive}) are answered ahead of
 *       publishes, acks and requeues the queue has not yet processed: counts are read after
 *       the publishes are confirmed and only when no requeue is under way;
 *   <li>deliveries of different queues to one channel interleave freely: consumers whose delivery
 *       tags are recorded each get their own channel, unless their queues are filled one
 *       after the other.
 * </ul>
 * Running the test with {@code -Ddepot.sidebyside.target=rabbitmq} checks a program against
 * these rules (it then runs twice on RabbitMQ), as far as timing lets a race show.
 *
 * @param name what it checks, as the test's display name
 * @param body the program
 */
record Program(String name, Body body) {
    @FunctionalInterface
    interface Body {
        void run(ProgramRun run) throws Exception;
    }

    static Program of(String name, Body body) {
        return new Program(name, body);
    }
}
