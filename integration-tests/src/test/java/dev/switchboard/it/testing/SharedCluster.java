package dev.switchboard.it.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One cluster for the whole multi-instance suite, handed to any test method or lifecycle method that asks for a
 * {@link SwitchboardCluster} parameter. Starting four JVMs costs more than most tests, so every test class borrows the
 * same one and leaves it as it found it (a test that kills a process starts a replacement).
 */
public final class SharedCluster implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SwitchboardCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(
                        SharedCluster.class, key -> new Holder(SwitchboardCluster.start(2, 2)), Holder.class)
                .cluster;
    }

    private record Holder(SwitchboardCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
