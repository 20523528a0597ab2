package dev.authbroker.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the simulator on its own: {@code java -jar authbroker-simulator.jar [--host H] [--port P]
 * [--app clientId:secret:redirectUri[,redirectUri…]]… [--user id:username:mediaCount]…}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 8089;
        List<String[]> apps = new ArrayList<>();
        List<String[]> users = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--app" -> apps.add(value.split(":", 3));
                case "--user" -> users.add(value.split(":", 3));
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
            i++;
        }
        InstagramSimulator simulator = InstagramSimulator.start(host, port);
        for (String[] app : apps) {
            simulator.registerApp(app[0], app[1], app.length > 2 ? app[2].split(",") : new String[0]);
        }
        if (users.isEmpty()) {
            users.add(new String[] {"17841400000000001", "demo_creator", "60"});
            users.add(new String[] {"17841400000000002", "travel_shots", "7"});
        }
        for (String[] user : users) {
            simulator.registerUser(user[0], user[1], Integer.parseInt(user[2]));
        }
        System.out.println("Instagram simulator on " + simulator.baseUrl() + " (authorize " + simulator.authorizeUrl()
                + ", token " + simulator.tokenUrl() + ", graph " + simulator.graphUrl() + ")");
        Thread.currentThread().join();
    }
}
