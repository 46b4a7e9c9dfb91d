-- msglint's language server in Neovim's built-in LSP client (Neovim 0.7 or later).
--
-- Put this file on your 'runtimepath' as lua/msglint.lua (or copy it into your config),
-- then in init.lua:
--
--   require("msglint").setup()                       -- `msglint` from the PATH
--   require("msglint").setup({ cmd = { "/path/to/msglint", "lsp" } })
--
-- It starts one `msglint lsp` per workspace (the directory of the nearest msglint.yaml
-- or .msglint.yaml, else the current directory) for the buffers of `filetypes`.
-- With nvim-lspconfig you can instead register it as a custom server with the same
-- `cmd`, `filetypes` and `root_dir`.

local M = {}

M.filetypes = {
  "markdown", "html", "text",
  "javascript", "javascriptreact", "typescript", "typescriptreact",
  "vue", "svelte", "astro", "liquid", "handlebars",
  "json", "yaml", "toml", "po",
}

local clients = {}

-- The directory of the nearest platform file above `dir`, else the current directory.
local function root_for(dir)
  for _, name in ipairs({ "msglint.yaml", ".msglint.yaml" }) do
    local found = vim.fn.findfile(name, dir .. ";")
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h")
    end
  end
  return vim.fn.getcwd()
end

-- Attach msglint to buffer `bufnr` (starting the server for its workspace if needed).
function M.attach(bufnr, opts)
  opts = opts or M.opts or {}
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return
  end
  local root = root_for(vim.fn.fnamemodify(name, ":p:h"))
  local config = {
    name = "msglint",
    cmd = opts.cmd or { "msglint", "lsp" },
    root_dir = root,
    init_options = opts.init_options,
  }
  if vim.lsp.start then
    -- Neovim 0.8 and later: one client per root, reused.
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  -- Neovim 0.7: start the client once per root and attach each buffer.
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    config.workspace_folders = {
      { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ":t") },
    }
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

function M.setup(opts)
  M.opts = opts or {}
  local group = vim.api.nvim_create_augroup("msglint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.opts.filetypes or M.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
end

return M
