package io.inmesh.it.apps;

import com.sun.tools.attach.VirtualMachine;

/**
 * Loads mesh.jar into itself at runtime (agentmain), then runs {@link ProbeApp} with the remaining
 * arguments: proves runtime attach and retransformation of an already loaded class.
 */
public final class AttachApp {
  private AttachApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("before attach " + ProbeApp.work(0));
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
    try {
      vm.loadAgent(args[0], "");
    } finally {
      vm.detach();
    }
    String[] rest = new String[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    ProbeApp.main(rest);
  }
}
