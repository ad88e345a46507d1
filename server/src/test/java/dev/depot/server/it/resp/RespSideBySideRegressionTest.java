package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;

import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;

/**
 * The differences from Redis 7.0.15 that the side-by-side check (RedisSideBySideTest) found,
 * one test each, with the replies of a real redis-server 7.0.15.
 */
class RespSideBySideRegressionTest extends RespTestBase {

    @Test
    void scoreRangeBoundsAreReadWithPlainStrtod() {
        redis.expect(num(5), "ZADD", "z", "-inf", "ninf", "0", "zero", "2", "two", "16", "sixteen", "inf", "pinf");
        redis.expect(bulks("zero"), "ZRANGEBYSCORE", "z", "", "");
        redis.expect(bulks("two", "sixteen", "pinf"), "ZRANGEBYSCORE", "z", " 2", "inf");
        redis.expect(bulks("pinf"), "ZRANGEBYSCORE", "z", "1e309", "+inf");
        redis.expect(bulks("ninf"), "ZRANGEBYSCORE", "z", "-inf", "-1e309");
        redis.expect(bulks("zero"), "ZRANGEBYSCORE", "z", "1e-400", "(1");
        redis.expect(num(2), "ZCOUNT", "z", "(", "16"); // "(" alone: an exclusive 0
        redis.expect(num(3), "ZCOUNT", "z", "2\0junk", "inf"); // the bound ends at the NUL byte
        redis.expect(bulks("sixteen"), "ZRANGE", "z", "0x10", "0x10", "BYSCORE");
        redis.expect(err("ERR min or max is not a float"), "ZCOUNT", "z", " ", "1");
        redis.expect(err("ERR min or max is not a float"), "ZCOUNT", "z", "1 ", "1");
        redis.expect(err("ERR min or max is not a float"), "ZCOUNT", "z", "(nan", "1");
    }
}
