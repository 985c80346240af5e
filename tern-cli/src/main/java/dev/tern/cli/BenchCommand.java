package dev.tern.cli; @picocli.CommandLine.Command(name = "bench") final class BenchCommand implements Runnable { public void run() {} }
