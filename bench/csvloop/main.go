// Command csvloop is the baseline of renkei's throughput benchmark: a read-only
// encoding/csv loop over a file (ReuseRecord, no processing), which is what any Go
// program that reads the file with the standard library pays at least.
//
//	go run ./bench/csvloop review_10m.csv
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: csvloop file.csv")
		os.Exit(2)
	}
	rows, err := count(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "csvloop:", err)
		os.Exit(1)
	}
	fmt.Println(rows)
}

func count(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	rows := 0
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows++
	}
}
