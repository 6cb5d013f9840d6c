package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// The shared configuration file of Huawei Cloud's CLI (KooCLI), read as the
// official provider reads it.
const (
	envSharedConfigFile     = "HW_SHARED_CONFIG_FILE"
	envProfile              = "HW_PROFILE"
	defaultSharedConfigFile = "~/.hcloud/config.json"
)

// koocliFile is the part of the file the provider reads; other keys the CLI
// writes (nonce, xAuthToken, expiresAt, …) are ignored.
type koocliFile struct {
	Current  string          `json:"current"`
	Profiles []koocliProfile `json:"profiles"`
	Crypter  json.RawMessage `json:"crypter"`
}

type koocliKeys struct {
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
	SecurityToken   string `json:"securityToken"`
}

type koocliProfile struct {
	Name string `json:"name"`
	Mode string `json:"mode"`
	koocliKeys
	Region           string `json:"region"`
	ProjectID        string `json:"projectId"`
	DomainID         string `json:"domainId"`
	AgencyName       string `json:"agencyName"`
	AgencyDomainName string `json:"agencyDomainName"`
	AgencyDomainID   string `json:"agencyDomainId"`
	SSOAuth          *struct {
		STSToken koocliKeys `json:"stsToken"`
	} `json:"ssoAuth"`
}

// loadedProfile is the profile in use and where it was found.
type loadedProfile struct {
	koocliProfile
	file string
}

// describe reads like `profile "dev" of /home/me/.hcloud/config.json`.
func (p *loadedProfile) describe() string {
	return fmt.Sprintf("profile %q of %s", p.Name, p.file)
}

// keys are the profile's credentials: the SSO STS token in mode SSO, the
// top-level keys in every other mode.
func (p *loadedProfile) keys() koocliKeys {
	if strings.EqualFold(p.Mode, "SSO") {
		if p.SSOAuth == nil {
			return koocliKeys{}
		}
		return p.SSOAuth.STSToken
	}
	return p.koocliKeys
}

// expandHome expands a leading ~ with the user's home directory ($HOME).
func expandHome(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") && !strings.HasPrefix(p, `~\`) {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot expand ~ in %q: %w", p, err)
	}
	return filepath.Join(home, p[1:]), nil
}

// loadProfile reads the named profile (or the file's current one) from file.
// Each failure has its own message: no file, a file that is not the CLI's
// JSON, an encrypted file, no profile named, a profile that is not there.
func loadProfile(file, name string) (*loadedProfile, error) {
	resolved, err := expandHome(file)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(resolved)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("the shared config file %s does not exist. Create it with the Huawei Cloud CLI "+
			"(hcloud configure init), or point shared_config_file (or %s) at it", resolved, envSharedConfigFile)
	case err != nil:
		return nil, fmt.Errorf("the shared config file %s cannot be read: %w", resolved, err)
	}
	var f koocliFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("the shared config file %s is not the CLI's JSON configuration: %w", resolved, err)
	}
	if c := bytes.TrimSpace(f.Crypter); len(c) > 0 && !bytes.Equal(c, []byte(`""`)) && !bytes.Equal(c, []byte("null")) &&
		!bytes.Equal(c, []byte("{}")) {
		return nil, fmt.Errorf("the shared config file %s is encrypted (it has a \"crypter\"), and the provider "+
			"can only read an unencrypted one: store it unencrypted with "+
			"`hcloud configure set --cli-auth-encrypt=false`, or give the credentials another way", resolved)
	}
	if name == "" {
		name = f.Current
	}
	if name == "" {
		return nil, fmt.Errorf("no profile is named: set profile (or %s), or a \"current\" profile in %s",
			envProfile, resolved)
	}
	var names []string
	for _, p := range f.Profiles {
		if p.Name == name {
			return &loadedProfile{koocliProfile: p, file: resolved}, nil
		}
		names = append(names, fmt.Sprintf("%q", p.Name))
	}
	have := "it has no profiles"
	if len(names) > 0 {
		have = "it has " + strings.Join(names, ", ")
	}
	return nil, fmt.Errorf("the shared config file %s has no profile %q (%s)", resolved, name, have)
}

// applyProfile reads the KooCLI profile when shared_config_file or profile
// is set (argument or variable), and fills what the provider arguments and
// variables left empty: the credentials as a whole (when neither a token nor
// any of AK, SK or security token was given elsewhere), region and
// project_id; its agency fields are read by resolveAssumeRoles. An empty
// profile field never replaces a value given elsewhere.
func (s *settings) applyProfile(cfg providerModel, accessKey, secretKey, securityToken *origin) diag.Diagnostics {
	var diags diag.Diagnostics
	file := stringOrEnv(cfg.SharedConfigFile, envSharedConfigFile)
	name := stringOrEnv(cfg.Profile, envProfile)
	if file == "" && name == "" {
		return nil
	}
	if file == "" {
		file = defaultSharedConfigFile
	}
	p, err := loadProfile(file, name)
	if err != nil {
		at := path.Root("shared_config_file")
		if strings.Contains(err.Error(), "no profile") {
			at = path.Root("profile")
		}
		diags.AddAttributeError(at, "Cannot use the shared config file", err.Error()+".")
		return diags
	}
	s.profile = p
	if s.authToken == "" && s.accessKey == "" && s.secretKey == "" && s.securityToken == "" {
		k := p.keys()
		desc := p.describe()
		*accessKey = origin{value: k.AccessKeyID, name: "accessKeyId", profile: desc}
		*secretKey = origin{value: k.SecretAccessKey, name: "secretAccessKey", profile: desc}
		*securityToken = origin{value: k.SecurityToken, name: "securityToken", profile: desc}
		s.accessKey, s.secretKey, s.securityToken = k.AccessKeyID, k.SecretAccessKey, k.SecurityToken
	}
	if s.region == "" {
		s.region = p.Region
	}
	if s.projectID == "" {
		s.projectID = p.ProjectID
	}
	return diags
}
