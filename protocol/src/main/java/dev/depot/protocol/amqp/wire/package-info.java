/**
 * The data types of AMQP 0-9-1: shortstr ({@link dev.depot.protocol.amqp.wire.ShortStrings}),
 * longstr ({@link dev.depot.protocol.amqp.wire.LongStrings}), field tables and arrays
 * ({@link dev.depot.protocol.amqp.wire.FieldTables}, whose documentation lists the Java type of
 * each type letter) and the value types Java lacks: unsigned integers, timestamps, byte arrays,
 * and long strings that are not UTF-8.
 */
package dev.depot.protocol.amqp.wire;
