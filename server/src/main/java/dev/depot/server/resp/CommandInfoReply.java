package dev.depot.server.resp;

import dev.depot.server.resp.meta.CommandInfo;
import dev.depot.server.resp.meta.CommandMeta;
import dev.depot.server.resp.meta.KeySpec;
import dev.depot.server.resp.meta.KeySpecFlag;

import java.util.Collection;
import java.util.List;

/**
 * One command as COMMAND and COMMAND INFO describe it, in Redis 7.0's shape: a 10-element
 * array whose flag, category, tip and key spec lists are RESP3 sets. A container lists the
 * subcommands Depot serves.
 */
final class CommandInfoReply {
    private CommandInfoReply() {
    }

    static void write(RespReply reply, CommandMeta command) {
        CommandInfo info = command.info();
        reply.array(10);
        reply.bulk(command.name());
        reply.integer(info.arity());
        simpleSet(reply, info.flags());
        reply.integer(info.firstKey());
        reply.integer(info.lastKey());
        reply.integer(info.step());
        simpleSet(reply, info.aclCategories());
        reply.set(info.tips().size());
        info.tips().forEach(reply::bulk);
        reply.set(info.keySpecs().size());
        info.keySpecs().forEach(spec -> keySpec(reply, spec));
        if (command.isContainer()) {
            List<CommandMeta> served = command.servedSubcommands();
            reply.array(served.size());
            served.forEach(sub -> write(reply, sub));
        } else {
            reply.set(0); // Redis answers an empty set, not an empty array, for "no subcommands"
        }
    }

    /** Key spec flags as Redis words, in Redis's order. */
    static void flags(RespReply reply, Collection<KeySpecFlag> flags) {
        reply.set(flags.size());
        flags.forEach(f -> reply.simple(f.wire()));
    }

    private static void simpleSet(RespReply reply, List<String> words) {
        reply.set(words.size());
        words.forEach(reply::simple);
    }

    private static void keySpec(RespReply reply, KeySpec spec) {
        reply.map(3);
        reply.bulk("flags");
        flags(reply, spec.flags());
        reply.bulk("begin_search");
        reply.map(2);
        reply.bulk("type");
        if (spec.begin() instanceof KeySpec.BeginSearch.Index index) {
            reply.bulk("index");
            reply.bulk("spec");
            reply.map(1);
            field(reply, "index", index.position());
        } else if (spec.begin() instanceof KeySpec.BeginSearch.Keyword keyword) {
            reply.bulk("keyword");
            reply.bulk("spec");
            reply.map(2);
            reply.bulk("keyword");
            reply.bulk(keyword.keyword());
            field(reply, "startfrom", keyword.startFrom());
        } else {
            reply.bulk("unknown");
            reply.bulk("spec");
            reply.map(0);
        }
        reply.bulk("find_keys");
        reply.map(2);
        reply.bulk("type");
        if (spec.find() instanceof KeySpec.FindKeys.Range range) {
            reply.bulk("range");
            reply.bulk("spec");
            reply.map(3);
            field(reply, "lastkey", range.lastKey());
            field(reply, "keystep", range.keyStep());
            field(reply, "limit", range.limit());
        } else if (spec.find() instanceof KeySpec.FindKeys.KeyNum keyNum) {
            reply.bulk("keynum");
            reply.bulk("spec");
            reply.map(3);
            field(reply, "keynumidx", keyNum.keyNumIndex());
            field(reply, "firstkey", keyNum.firstKey());
            field(reply, "keystep", keyNum.keyStep());
        } else {
            reply.bulk("unknown");
            reply.bulk("spec");
            reply.map(0);
        }
    }

    private static void field(RespReply reply, String name, long value) {
        reply.bulk(name);
        reply.integer(value);
    }
}
