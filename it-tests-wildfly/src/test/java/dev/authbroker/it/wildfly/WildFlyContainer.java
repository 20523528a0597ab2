package dev.authbroker.it.wildfly;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * WildFly as an operator runs it: {@code bin/standalone.sh -c standalone-microprofile.xml} from the distribution
 * Maven unpacked, on a fresh copy of {@code standalone/} ({@code jboss.server.base.dir}), bound to 127.0.0.1 with a
 * port offset, the broker configured by {@code AUTHBROKER_*} environment variables only (the README's way: this
 * profile logs every system property). Deployments go through the deployment scanner's marker files, as a plain
 * copy into {@code deployments/} would. Its console is copied into this JVM's, which the tests keep in a log file.
 */
public class WildFlyContainer implements DeployableContainer<WildFlyConfiguration> {

    private static final long STARTUP_SECONDS = 240;
    private static final long DEPLOY_SECONDS = 240;

    private Path home;
    private Path base;
    private int offset;
    private Process process;

    @Override
    public Class<WildFlyConfiguration> getConfigurationClass() {
        return WildFlyConfiguration.class;
    }

    @Override
    public void setup(WildFlyConfiguration configuration) {
        home = Path.of(System.getProperty("it.wildfly.home"));
        base = Path.of(System.getProperty("it.wildfly.base"));
        offset = Integer.getInteger("it.wildfly.offset");
    }

    private int httpPort() {
        return 8080 + offset;
    }

    @Override
    public void start() throws LifecycleException {
        try {
            deleteTree(base);
            copyTree(home.resolve("standalone"), base);
            configure(Path.of(System.getProperty("it.wildfly.cli")));
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                    "-c", "standalone-microprofile.xml", "--stability=community", "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                    "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                    "-Dh2.socketConnectRetry=1"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("JBOSS_HOME", home.toString());
            // standalone.sh then waits for the JVM and passes SIGTERM on to it
            builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
            builder.environment().putAll(brokerEnvironment(Path.of(System.getProperty("it.broker.config"))));
            process = builder.start();
            copyToConsole(process.getInputStream());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
            while (!answers("http://127.0.0.1:" + httpPort() + "/")) {
                if (!process.isAlive()) {
                    throw new LifecycleException("WildFly exited with " + process.exitValue() + " while starting");
                }
                if (System.nanoTime() > deadline) {
                    throw new LifecycleException("WildFly did not answer on port " + httpPort() + " within " + STARTUP_SECONDS + " s");
                }
                Thread.sleep(250);
            }
        } catch (IOException e) {
            throw new LifecycleException("cannot start WildFly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("interrupted while starting WildFly", e);
        }
    }

    /** The README's configuration script, run offline on the fresh base dir as an operator runs it on theirs. */
    private void configure(Path script) throws IOException, InterruptedException, LifecycleException {
        ProcessBuilder cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(),
                "-Djboss.server.base.dir=" + base, "--file=" + script).redirectErrorStream(true);
        cli.environment().put("JBOSS_HOME", home.toString());
        Process process = cli.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || output.contains("\"outcome\" => \"failed\"")) {
            throw new LifecycleException("jboss-cli.sh --file=" + script + " failed:\n" + output);
        }
    }

    /** {@code authbroker.public-base-url=…} becomes {@code AUTHBROKER_PUBLIC_BASE_URL=…} (MicroProfile Config's mapping). */
    static java.util.Map<String, String> brokerEnvironment(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            env.put(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), properties.getProperty(key));
        }
        return env;
    }

    private static void copyToConsole(InputStream output) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = output.read(buffer)) > 0) {
                    System.out.write(buffer, 0, n);
                    System.out.flush();
                }
            } catch (IOException e) {
                // the server is gone
            }
        }, "wildfly-console");
        pump.setDaemon(true);
        pump.start();
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            connection.getResponseCode();
            connection.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void stop() throws LifecycleException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
            for (ProcessHandle handle : tree) {
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        process = null;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        Path deployments = base.resolve("deployments");
        String name = archive.getName();
        try {
            for (String marker : new String[] {".deployed", ".failed", ".undeployed", ".isdeploying", ".pending"}) {
                Files.deleteIfExists(deployments.resolve(name + marker));
            }
            Path staged = Files.createTempFile(base, "deploy", ".war");
            archive.as(ZipExporter.class).exportTo(staged.toFile(), true);
            Files.move(staged, deployments.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEPLOY_SECONDS);
            while (System.nanoTime() < deadline) {
                if (Files.exists(deployments.resolve(name + ".deployed"))) {
                    return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", httpPort()));
                }
                Path failed = deployments.resolve(name + ".failed");
                if (Files.exists(failed)) {
                    throw new DeploymentException("WildFly did not deploy " + name + ": " + Files.readString(failed));
                }
                Thread.sleep(200);
            }
            throw new DeploymentException(name + " was not deployed within " + DEPLOY_SECONDS + " s");
        } catch (IOException e) {
            throw new DeploymentException("cannot deploy " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while deploying " + name, e);
        }
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        Path deployments = base.resolve("deployments");
        String name = archive.getName();
        try {
            Files.deleteIfExists(deployments.resolve(name));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEPLOY_SECONDS);
            while (Files.exists(deployments.resolve(name + ".deployed")) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Files.deleteIfExists(deployments.resolve(name + ".undeployed"));
        } catch (IOException e) {
            throw new DeploymentException("cannot undeploy " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while undeploying " + name, e);
        }
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed in these tests");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed in these tests");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
