package rules

import (
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/flasklint/flasklint/parsers/compose"
	"github.com/flasklint/flasklint/parsers/dockerfile"
	"github.com/flasklint/flasklint/parsers/pins"
)

// derived holds the lists and indexes rules compute from the parsed files,
// built once per project on first use, so that a rule asking per file or
// per service does not walk every file of the tree again.
type derived struct {
	launchesOnce sync.Once
	launches     []Launch

	settingsOnce sync.Once
	settings     []EnvSetting
	// settings by the Dockerfile and the compose service they belong to.
	settingsByDocker  map[*dockerfile.File][]int
	settingsByService map[*compose.Service][]int

	composeOnce sync.Once
	prodDirs    map[string]bool // directories holding a production compose file
	// services by the directory of their build context, in file order.
	builtIn map[string][]ServiceRef
	// compose env_file entries, in file order.
	envFileRefs  []envFileRef
	envFileFirst map[string]int // target -> first index in envFileRefs

	copiesOnce  sync.Once
	copies      []copyRef      // COPY/ADD sources, in file order
	copyFirst   map[string]int // literal source -> first index in copies
	dockerFirst map[string]int // directory -> index of its first Dockerfile

	appFilesOnce sync.Once
	appFiles     []string

	pyPathsOnce sync.Once
	pyPaths     map[string]bool

	pinsOnce   sync.Once
	pinsByDir  map[string][]*pins.File // ranked
	pinsByPath map[string]*pins.File

	buildsOnce sync.Once
	builds     map[string][]composeRef // services by buildDir

	runsOnce    sync.Once
	appServices map[*compose.Service]bool
	appDirs     map[string]bool // directories of Dockerfiles whose launch runs an app

	agreed sync.Map // top directory + "\x00" + package -> VersionFact

	dirsOnce     sync.Once
	composeByDir map[string][]*compose.File    // in path order
	dockerByDir  map[string][]*dockerfile.File // in path order
}

// byDir indexes the compose files and Dockerfiles by their directory.
func (p *Project) byDir() *derived {
	p.derived.dirsOnce.Do(func() {
		p.derived.composeByDir = map[string][]*compose.File{}
		for _, c := range p.Compose {
			dir := path.Dir(c.Path)
			p.derived.composeByDir[dir] = append(p.derived.composeByDir[dir], c)
		}
		p.derived.dockerByDir = map[string][]*dockerfile.File{}
		for _, d := range p.Dockerfiles {
			dir := path.Dir(d.Path)
			p.derived.dockerByDir[dir] = append(p.derived.dockerByDir[dir], d)
		}
	})
	return &p.derived
}

type envFileRef struct {
	c      *compose.File
	svc    *compose.Service
	text   string
	target string
}

type copyRef struct {
	d    *dockerfile.File
	full string
	meta bool // a pattern for path.Match
}

// Launches lists every command the deployment files start.
func (p *Project) Launches() []Launch {
	p.derived.launchesOnce.Do(func() { p.derived.launches = slices.Clip(p.launchList()) })
	return p.derived.launches
}

// EnvSettings lists every environment variable the deployment files set.
func (p *Project) EnvSettings() []EnvSetting {
	d := &p.derived
	d.settingsOnce.Do(func() {
		d.settings = slices.Clip(p.envSettingList())
		d.settingsByDocker = map[*dockerfile.File][]int{}
		d.settingsByService = map[*compose.Service][]int{}
		for i, s := range d.settings {
			if s.Docker != nil {
				d.settingsByDocker[s.Docker] = append(d.settingsByDocker[s.Docker], i)
			}
			if s.Compose != nil {
				d.settingsByService[s.Compose] = append(d.settingsByService[s.Compose], i)
			}
		}
	})
	return d.settings
}

func (p *Project) composeIndex() *derived {
	d := &p.derived
	d.composeOnce.Do(func() {
		d.prodDirs = map[string]bool{}
		d.builtIn = map[string][]ServiceRef{}
		d.envFileFirst = map[string]int{}
		for _, c := range p.Compose {
			dir := path.Dir(c.Path)
			if strings.Contains(strings.ToLower(path.Base(c.Path)), "prod") {
				d.prodDirs[dir] = true
			}
			for _, svc := range c.Services {
				if svc.Build {
					ctx := path.Join(dir, svc.Context)
					d.builtIn[ctx] = append(d.builtIn[ctx], ServiceRef{File: c, Svc: svc})
				}
				for _, ef := range svc.EnvFiles {
					target := path.Join(dir, ef.Text)
					if _, ok := d.envFileFirst[target]; !ok {
						d.envFileFirst[target] = len(d.envFileRefs)
					}
					d.envFileRefs = append(d.envFileRefs, envFileRef{c: c, svc: svc, text: ef.Text, target: target})
				}
			}
		}
	})
	return d
}

func (p *Project) copyIndex() *derived {
	d := &p.derived
	d.copiesOnce.Do(func() {
		d.copyFirst = map[string]int{}
		d.dockerFirst = map[string]int{}
		for i, df := range p.Dockerfiles {
			dir := path.Dir(df.Path)
			if _, ok := d.dockerFirst[dir]; !ok {
				d.dockerFirst[dir] = i
			}
			for _, in := range df.Copies() {
				for _, src := range in.Args[:len(in.Args)-1] {
					if strings.HasPrefix(src, "--") {
						continue
					}
					full := path.Join(dir, src)
					meta := strings.ContainsAny(full, `*?[\`)
					if _, ok := d.copyFirst[full]; !ok && !meta {
						d.copyFirst[full] = len(d.copies)
					}
					d.copies = append(d.copies, copyRef{d: df, full: full, meta: meta})
				}
			}
		}
	})
	return d
}

// firstDockerfileAbove is the first Dockerfile (in path order) in the
// directory of file or one above it, or nil.
func (p *Project) firstDockerfileAbove(file string) *dockerfile.File {
	d := p.copyIndex()
	best := -1
	for dir := path.Dir(file); ; dir = path.Dir(dir) {
		if i, ok := d.dockerFirst[dir]; ok && (best < 0 || i < best) {
			best = i
		}
		if dir == "." || dir == "/" {
			break
		}
	}
	if best < 0 {
		return nil
	}
	return p.Dockerfiles[best]
}

// appFileList is appFiles, computed once.
func (p *Project) appFileList() []string {
	p.derived.appFilesOnce.Do(func() { p.derived.appFiles = slices.Clip(appFileSet(p)) })
	return p.derived.appFiles
}

// pythonPaths is the set of the paths of the Python files.
func (p *Project) pythonPaths() map[string]bool {
	p.derived.pyPathsOnce.Do(func() {
		p.derived.pyPaths = make(map[string]bool, len(p.Python))
		for _, f := range p.Python {
			p.derived.pyPaths[f.Path] = true
		}
	})
	return p.derived.pyPaths
}

// pinIndex is the pin files by directory (ranked) and by path.
func (p *Project) pinIndex() (map[string][]*pins.File, map[string]*pins.File) {
	d := &p.derived
	d.pinsOnce.Do(func() {
		d.pinsByDir = map[string][]*pins.File{}
		d.pinsByPath = map[string]*pins.File{}
		for _, f := range p.Pins {
			d.pinsByDir[path.Dir(f.Path)] = append(d.pinsByDir[path.Dir(f.Path)], f)
			d.pinsByPath[f.Path] = f
		}
		for _, files := range d.pinsByDir {
			sort.SliceStable(files, func(i, j int) bool { return pinFileRank(files[i]) < pinFileRank(files[j]) })
		}
	})
	return d.pinsByDir, d.pinsByPath
}

// settingsOf are the indexes in EnvSettings of the settings of the
// container a launch runs in (its Dockerfile and compose services), in
// order.
func (p *Project) settingsOf(l Launch, services []ServiceRef) []int {
	p.EnvSettings()
	d := &p.derived
	var out []int
	if l.Docker != nil {
		out = append(out, d.settingsByDocker[l.Docker]...)
	}
	for _, svc := range services {
		out = append(out, d.settingsByService[svc.Svc]...)
	}
	if len(services) > 0 {
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// copiedBy is the first Dockerfile with a COPY or ADD source that is file,
// matches it as a pattern or, unless sample, is a directory above it.
func (p *Project) copiedBy(file string, sample bool) *dockerfile.File {
	d := p.copyIndex()
	best := -1
	take := func(i int, ok bool) {
		if ok && (best < 0 || i < best) {
			best = i
		}
	}
	take2 := func(key string) {
		i, ok := d.copyFirst[key]
		take(i, ok)
	}
	take2(file)
	if !sample {
		for dir := path.Dir(file); ; dir = path.Dir(dir) {
			take2(dir)
			if dir == "." || dir == "/" {
				break
			}
		}
	}
	for i, c := range d.copies {
		if !c.meta || best >= 0 && i > best {
			continue
		}
		ok, _ := path.Match(c.full, file)
		take(i, ok || c.full == file || (!sample && (c.full == "." || strings.HasPrefix(file, c.full+"/"))))
	}
	if best < 0 {
		return nil
	}
	return d.copies[best].d
}

// buildsOf are the compose services whose build context (buildDir) is dir,
// in file order.
func (p *Project) buildsOf(dir string) []composeRef {
	d := &p.derived
	d.buildsOnce.Do(func() {
		d.builds = map[string][]composeRef{}
		for _, c := range p.Compose {
			for _, svc := range c.Services {
				if ctx, ok := p.buildDir(c, svc); ok {
					d.builds[ctx] = append(d.builds[ctx], composeRef{c, svc})
				}
			}
		}
	})
	return d.builds[dir]
}
