package notebooks_test

import (
	"fmt"
	"os"

	"github.com/desci-platform/desci/notebooks"
)

// A notebook's method CID survives re-running it; its outputs CID does not.
func ExampleIdentify() {
	data, _ := os.ReadFile("testdata/minimal.ipynb")
	before, _ := notebooks.Identify(data)

	ran := []byte(`{"cells": [{"cell_type": "code", "execution_count": 1, "id": "a1", "metadata": {},
		"source": ["1 + 1"], "outputs": [{"output_type": "execute_result", "execution_count": 1,
		"data": {"text/plain": "2"}, "metadata": {}}]}],
		"metadata": {"kernelspec": {"name": "python3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}`)
	after, _ := notebooks.Identify(ran)

	fmt.Println(before.Method)
	fmt.Println(after.Method == before.Method, after.Outputs == before.Outputs)
	// Output:
	// bafyreiapwb6nsfaqonfozqr2cxmfpkntlpf4yqvtaz5eumt4ib22qxsy4e
	// true false
}
