package dev.authbroker.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own for the local run:
 * {@code java -jar authbroker-simulator.jar [--host 127.0.0.1] [--port 8089]
 * [--app clientId:secret:redirectUri[,redirectUri2]]... [--user id:username:mediaCount]...}.
 * Without {@code --user} it registers two demo creators. It serves until the process is killed.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 8089;
        List<String[]> apps = new ArrayList<>();
        List<String[]> users = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                // Split on the first two colons only: redirect URIs contain colons themselves.
                case "--app" -> apps.add(parts(value, "--app clientId:secret:redirectUri[,redirectUri2]"));
                case "--user" -> users.add(parts(value, "--user id:username:mediaCount"));
                default -> usage("unknown option " + args[i]);
            }
        }
        if (users.isEmpty()) {
            users.add(new String[] {"17841400000000001", "demo_creator", "60"});
            users.add(new String[] {"17841400000000002", "travel_shots", "7"});
        }

        InstagramSimulator simulator = InstagramSimulator.start(host, port);
        for (String[] app : apps) {
            simulator.registerApp(app[0], app[1], app[2].split(","));
        }
        for (String[] user : users) {
            simulator.registerUser(user[0], user[1], Integer.parseInt(user[2]));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("Instagram simulator on " + simulator.baseUrl());
        System.out.println("  authorize " + simulator.authorizeUrl());
        System.out.println("  token     " + simulator.tokenUrl());
        System.out.println("  graph     " + simulator.graphUrl());
        new CountDownLatch(1).await();
    }

    private static String[] parts(String value, String expected) {
        String[] parts = value.split(":", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
            usage("expected " + expected + ", got " + value);
        }
        return parts;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: [--host 127.0.0.1] [--port 8089] [--app clientId:secret:redirectUri[,redirectUri2]]..."
                + " [--user id:username:mediaCount]...");
        System.exit(2);
    }
}
