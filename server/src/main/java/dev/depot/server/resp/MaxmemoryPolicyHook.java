package dev.depot.server.resp;

import dev.depot.storage.keyspace.Databases;
import dev.depot.storage.keyspace.EvictionPolicy;

/**
 * Where CONFIG GET and SET maxmemory-policy land: the keyspace's eviction policy, switched at
 * run time, seen through the names CONFIG uses.
 */
public interface MaxmemoryPolicyHook {
    MaxmemoryPolicy get();

    void set(MaxmemoryPolicy policy);

    /** The policy {@code databases} evicts by. */
    static MaxmemoryPolicyHook of(Databases databases) {
        return new MaxmemoryPolicyHook() {
            @Override
            public MaxmemoryPolicy get() {
                return MaxmemoryPolicy.valueOf(databases.evictionPolicy().name());
            }

            @Override
            public void set(MaxmemoryPolicy policy) {
                databases.evictionPolicy(EvictionPolicy.valueOf(policy.name()));
            }
        };
    }
}
