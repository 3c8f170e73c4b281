package register

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/koers-nl/koers"
)

// Loader reads an import's files: in parallel, and handed on in the
// order of the files, in chunks that a koers.Register writes while the
// next chunk is still being read (ImportAll).
type Loader struct {
	// Decode reads one file, by its path, into facts. It may not keep
	// data, which serves the next file.
	Decode func(path string, data []byte) (*koers.RegisterBatch, error)
	// Problem is told, in the order of the files, of each file that could
	// not be read or decoded.
	Problem func(path string, err error)
	// Workers read and decode at once (default GOMAXPROCS); a chunk is
	// ChunkFiles files (default 4096).
	Workers, ChunkFiles int
}

// readAhead is the number of chunks read ahead of the one being written.
const readAhead = 4

// FilesError says how many files of an import had problems: each was
// told to Loader.Problem, and nothing was written.
type FilesError struct {
	Failed, Files int
}

func (e *FilesError) Error() string {
	return fmt.Sprintf("%d of %d files have problems", e.Failed, e.Files)
}

// Batches reads files into chunks of facts, in order. After a file with a
// problem it hands on no more facts but reads on, so that every problem
// is told, and then ends with a *FilesError: the import writes nothing.
// Stopping the loop stops the reading.
func (l Loader) Batches(ctx context.Context, files []string) iter.Seq2[*koers.RegisterBatch, error] {
	workers, per := l.Workers, l.ChunkFiles
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if per <= 0 {
		per = 4096
	}
	type problem struct {
		file string
		err  error
	}
	type chunk struct {
		batch    *koers.RegisterBatch
		problems []problem
	}
	return func(yield func(*koers.RegisterBatch, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		// Chunks are read while the ones before are written: two cores
		// both work, one in the database.
		chunks := make(chan chunk, readAhead)
		var done sync.WaitGroup
		done.Add(1)
		go func() {
			defer done.Done()
			defer close(chunks)
			bufs := make([][]byte, workers)
			for from := 0; from < len(files); from += per {
				group := files[from:min(from+per, len(files))]
				batches := make([]*koers.RegisterBatch, len(group))
				errs := make([]error, len(group))
				var next atomic.Int64
				var wg sync.WaitGroup
				for w := range workers {
					wg.Go(func() {
						for {
							i := int(next.Add(1) - 1)
							if i >= len(group) || ctx.Err() != nil {
								return
							}
							data, err := readFile(group[i], bufs[w])
							if err == nil {
								batches[i], errs[i] = l.Decode(group[i], data)
								clear(data) // a BSN among it
							} else {
								errs[i] = err
							}
							bufs[w] = data[:0]
						}
					})
				}
				wg.Wait()
				var c chunk
				c.batch = &koers.RegisterBatch{}
				for i, b := range batches {
					if errs[i] != nil {
						c.problems = append(c.problems, problem{group[i], errs[i]})
					} else if b != nil {
						c.batch.Add(b)
					}
				}
				select {
				case chunks <- c:
				case <-ctx.Done():
					return
				}
			}
		}()
		defer done.Wait()
		failed := 0
		for c := range chunks {
			for _, p := range c.problems {
				failed++
				if l.Problem != nil {
					l.Problem(p.file, p.err)
				}
			}
			if failed > 0 {
				continue
			}
			if !yield(c.batch, nil) {
				cancel()
				for range chunks { // let the reader end
				}
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		if failed > 0 {
			yield(nil, &FilesError{Failed: failed, Files: len(files)})
		}
	}
}
