package dev.depot.server.resp;

/**
 * Where CONFIG GET and SET maxmemory-policy land. The eviction engine implements it to switch
 * policies at run time; until it is wired in, {@link #stored} only remembers the policy.
 */
public interface MaxmemoryPolicyHook {
    MaxmemoryPolicy get();

    void set(MaxmemoryPolicy policy);

    /** A hook that only remembers the policy (the keyspace keeps evicting as it always does). */
    static MaxmemoryPolicyHook stored(MaxmemoryPolicy initial) {
        return new MaxmemoryPolicyHook() {
            private volatile MaxmemoryPolicy policy = initial;

            @Override
            public MaxmemoryPolicy get() {
                return policy;
            }

            @Override
            public void set(MaxmemoryPolicy policy) {
                this.policy = policy;
            }
        };
    }
}
