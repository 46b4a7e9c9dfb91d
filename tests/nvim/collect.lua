-- Test driver (tests/cli/lsp.rs): Neovim headless with editors/nvim/msglint.lua opens a
-- file, waits for msglint's diagnostics and writes them as JSON lines.
-- Environment: MSGLINT_BIN (the msglint binary), MSGLINT_REPO (the checkout),
-- MSGLINT_FILE (the file to open), MSGLINT_OUT (where to write).
local repo = os.getenv("MSGLINT_REPO")
package.path = repo .. "/editors/nvim/?.lua;" .. package.path
local msglint = require("msglint")
msglint.setup({ cmd = { os.getenv("MSGLINT_BIN"), "lsp" } })
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("MSGLINT_FILE")))
local ok = vim.wait(30000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(lines, vim.fn.json_encode({
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, source = d.source, code = code, message = d.message,
  }))
end
if not ok then
  table.insert(lines, vim.fn.json_encode({ timeout = true }))
end
vim.fn.writefile(lines, os.getenv("MSGLINT_OUT"))
vim.cmd("qa!")
