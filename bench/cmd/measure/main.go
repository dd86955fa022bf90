// Command measure runs a command several times and prints its best wall
// time, the processor time of that run and the peak resident memory of all
// runs, for `make bench`:
//
//	measure [-n RUNS] [-dir DIR] -- COMMAND [ARG...]
//
// It prints "wall_seconds cpu_seconds peak_rss_kib". The command's output
// is discarded; its exit status is not judged (a linter exits 1 when it
// finds something), but a command killed by a signal or that cannot start
// is an error.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("n", 3, "how many times to run the command")
	dir := flag.String("dir", "", "directory to run the command in")
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: measure [-n RUNS] [-dir DIR] -- COMMAND [ARG...]")
		os.Exit(2)
	}
	best, bestCPU := time.Duration(-1), time.Duration(0)
	var peak int64
	for range *runs {
		cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
		cmd.Dir = *dir
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if cmd.ProcessState == nil {
			fmt.Fprintln(os.Stderr, "measure:", err)
			os.Exit(1)
		}
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			fmt.Fprintf(os.Stderr, "measure: %s killed by %v\n", flag.Arg(0), ws.Signal())
			os.Exit(1)
		}
		ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if ru != nil && ru.Maxrss > peak {
			peak = ru.Maxrss
		}
		if best < 0 || wall < best {
			best, bestCPU = wall, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime()
		}
	}
	fmt.Printf("%.4f %.4f %d\n", best.Seconds(), bestCPU.Seconds(), peak)
}
