package dev.depot.server.amqp;

/**
 * What the server proposes in connection.tune, and the largest message body it takes.
 *
 * @param channelMax     highest channel number a connection may open
 * @param frameMax       largest frame, header and end octet included
 * @param heartbeat      seconds between heartbeats the server proposes; 0 for none
 * @param maxMessageSize largest message body accepted
 */
record AmqpLimits(int channelMax, int frameMax, int heartbeat, long maxMessageSize) {
    /** RabbitMQ 3.10's defaults. */
    static final AmqpLimits DEFAULTS = new AmqpLimits(2047, 131072, 60, 128L * 1024 * 1024);
}
