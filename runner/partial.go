package runner

import (
	"os"
	"path/filepath"
	"sort"
)

// A partial run is a run on files only, as pre-commit makes it: it names the
// files that changed. The run still reads the whole project (the git
// repository that holds the files, else the working directory when it holds
// them), read-only, so that findings that need partner files (the nginx in
// front of an app, the config module of an app) are the same as in a full
// run; but it reports findings in the named files only.

// partialRoot tells whether the run is partial and which directory holds
// the project. When every path is a file but no such directory holds them
// all (or the working directory is too broad: see broadDir), the run reads
// the files alone.
func partialRoot(opts Options, abs []string) (string, bool) {
	if len(opts.Paths) == 0 {
		return "", false
	}
	for _, p := range abs {
		if info, err := os.Stat(p); err != nil || info.IsDir() {
			return "", false
		}
	}
	common := filepath.Dir(abs[0])
	for _, p := range abs[1:] {
		for !within(p, common) {
			common = filepath.Dir(common)
		}
	}
	if top, ok := gitTop(common); ok {
		return top, true
	}
	dir := opts.Dir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	if dir = filepath.Clean(dir); broadDir(dir) || !within(common, dir) {
		return "", false
	}
	return dir, true
}

// broadDir tells whether a working directory is too broad to be read as a
// project: the file system root, the home directory or the temporary
// directory (which holds whatever other programs left there).
func broadDir(dir string) bool {
	home, _ := os.UserHomeDir()
	return dir == "" || dir == filepath.Dir(dir) || (home != "" && dir == filepath.Clean(home)) ||
		dir == filepath.Clean(os.TempDir())
}

// gitTop is the nearest directory at or above dir that holds a .git (a
// directory, or the file of a worktree or submodule).
func gitTop(dir string) (string, bool) {
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// walkPartial walks the files of a partial run first, so that they count
// as named on the command line, then, when flasklint reads any of them, the
// whole tree at root. It returns the files to report on and the scan roots.
func (w *walker) walkPartial(root string, files []string) (only map[string]bool, roots []string, err error) {
	for _, f := range files {
		if err := w.walk(f); err != nil {
			return nil, nil, err
		}
	}
	only = map[string]bool{}
	for _, c := range w.found {
		only[c.path] = true
	}
	if len(only) == 0 {
		return only, files, nil
	}
	if err := w.walk(root); err != nil {
		return nil, nil, err
	}
	return only, append([]string{root}, files...), nil
}

func sortedKeys(set map[string]bool) []string {
	if set == nil {
		return nil
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
