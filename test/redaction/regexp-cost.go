// Times Go's regexp (what OTTL's replace_pattern and replace_all_patterns use) on each pattern and
// input given as JSON on stdin: {"patterns": [...], "inputs": {name: text}, "runs": n}. Prints, as
// JSON, the least CPU time of n runs of ReplaceAllString per pattern and input, and on the
// input's first quarter. Run by pattern-cost.test.ts.
package main

import (
	"encoding/json"
	"os"
	"regexp"
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTime is Linux's CLOCK_THREAD_CPUTIME_ID: the CPU time of this (locked) thread alone,
// to the nanosecond, so that other processes on a shared machine and the garbage collector do not count.
const clockThreadCPUTime = 3

func threadCPU() time.Duration {
	var now syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&now)), 0); errno != 0 {
		panic(errno)
	}
	return time.Duration(now.Nano())
}

type request struct {
	Patterns []string          `json:"patterns"`
	Inputs   map[string]string `json:"inputs"`
	Runs     int               `json:"runs"`
}

type cost struct {
	Pattern int    `json:"pattern"`
	Input   string `json:"input"`
	// On the whole input, and on its first quarter: linear time costs about 4× as much on the whole.
	Ms        float64 `json:"ms"`
	QuarterMs float64 `json:"quarterMs"`
}

// leastCPU is the least CPU time of runs replacements of the pattern in input, in milliseconds.
func leastCPU(compiled *regexp.Regexp, input string, runs int) float64 {
	best := time.Duration(1 << 62)
	for run := 0; run < runs; run++ {
		start := threadCPU()
		compiled.ReplaceAllString(input, "${1}x")
		if elapsed := threadCPU() - start; elapsed < best {
			best = elapsed
		}
	}
	return float64(best.Microseconds()) / 1000
}

func main() {
	runtime.LockOSThread()
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		panic(err)
	}
	costs := []cost{}
	for index, pattern := range req.Patterns {
		compiled := regexp.MustCompile(pattern)
		for name, input := range req.Inputs {
			quarter := input[:len(input)/4]
			compiled.ReplaceAllString(quarter, "${1}x") // warms the matcher's pools: the first run allocates them
			costs = append(costs, cost{index, name, leastCPU(compiled, input, req.Runs), leastCPU(compiled, quarter, req.Runs)})
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(costs); err != nil {
		panic(err)
	}
}
