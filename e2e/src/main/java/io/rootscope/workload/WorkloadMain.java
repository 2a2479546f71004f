package io.rootscope.workload;

import java.io.IOException;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

/** Runs the Sock Shop workload simulator until the process is stopped. Exit code 2 on bad arguments. */
public final class WorkloadMain {

    static final int EXIT_USAGE = 2;

    private WorkloadMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(WorkloadOptions.USAGE);
            return;
        }
        WorkloadOptions options;
        try {
            options = WorkloadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(WorkloadOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        WorkloadApp app;
        try {
            app = WorkloadApp.start(options, InstantSource.system());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        } catch (IOException e) {
            System.err.println("error: cannot start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (IOException e) {
                System.err.println("workload: " + e.getMessage());
            }
        }));
        System.out.println("workload simulator listening on port " + app.port());
        new CountDownLatch(1).await();
    }
}
