package csms_test

import (
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }
