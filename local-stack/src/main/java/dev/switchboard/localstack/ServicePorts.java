package dev.switchboard.localstack;

/**
 * Where a sender or receiver process listens: the public port (API or {@code /ws}) and the management port (health,
 * metrics, OpenAPI), both on {@code host}. The local stack binds 127.0.0.1 unless {@code LOCAL_STACK_HOST} says
 * otherwise (0.0.0.0 to reach it from other machines); tests always bind 127.0.0.1.
 */
public record ServicePorts(String host, int http, int management) {

    static final String LOOPBACK = "127.0.0.1";

    /** Two free ports on 127.0.0.1 (multi-instance tests). */
    public static ServicePorts free() {
        return new ServicePorts(LOOPBACK, FreePorts.find(), FreePorts.find());
    }

    /** The local stack's fixed ports: management is the public port plus 1000 (8081 → 9081). */
    static ServicePorts local(int http) {
        String host = System.getenv("LOCAL_STACK_HOST");
        return new ServicePorts(host == null || host.isBlank() ? LOOPBACK : host.strip(), http, http + 1000);
    }

    /** The address to connect to: the bound host, or loopback when bound to every interface. */
    String connectHost() {
        return host.equals("0.0.0.0") ? LOOPBACK : host;
    }
}
